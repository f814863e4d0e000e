package com.clinicbackbone.localstack;

import java.time.Instant;

/** An SMS handed to the Twilio-shaped sink; {@code status} follows queued, sent, delivered. */
public record CapturedSms(String sid, String to, String from, String body, String status, Instant receivedAt) {

    CapturedSms withStatus(String newStatus) {
        return new CapturedSms(sid, to, from, body, newStatus, receivedAt);
    }
}
