package com.clinicbackbone.notification.notification;

/** A plain-text email. */
public record EmailMessage(String to, String subject, String body) {
}
