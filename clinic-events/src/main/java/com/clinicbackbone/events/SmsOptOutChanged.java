package com.clinicbackbone.events;

import java.time.Instant;

/**
 * The patient opted out of SMS (STOP, ARRET ...) or back in (START, UNSTOP) by replying to a message. Topic
 * {@link Topics#NOTIFICATIONS}, key = patient id. Ids only: never the phone number or the message text.
 *
 * @param keyword the recognised keyword, upper case without accents (for example {@code STOP}, {@code ARRET})
 * @param at      when the reply was received
 */
public record SmsOptOutChanged(String patientId, boolean optedOut, String keyword, Instant at) {

    public static final String TYPE = "clinic.notification.sms-opt-out-changed.v1";
}
