package com.clinicbackbone.notification.notification;

/**
 * The Mustache source of one message: {@code subject} and {@code html} for email only, {@code text} always.
 */
public record MessageTemplate(String subject, String text, String html) {
}
