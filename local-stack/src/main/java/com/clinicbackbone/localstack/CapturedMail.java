package com.clinicbackbone.localstack;

import java.time.Instant;

/** An email caught by the SMTP catcher, as the inbox shows it. */
public record CapturedMail(String to, String from, String subject, String body, Instant receivedAt) {
}
