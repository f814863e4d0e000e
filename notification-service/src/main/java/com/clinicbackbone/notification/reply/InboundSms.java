package com.clinicbackbone.notification.reply;

/** An SMS a patient sent to the clinic's number, as the provider forwards it. */
public record InboundSms(String messageSid, String from, String body) {
}
