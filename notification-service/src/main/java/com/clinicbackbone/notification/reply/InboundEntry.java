package com.clinicbackbone.notification.reply;

import java.time.Instant;
import java.util.List;

/**
 * One handled inbound SMS, ids only: never the phone number or the text, only the recognised keyword.
 *
 * @param keyword    the recognised keyword (null when the text was none)
 * @param outcome    what was done
 * @param patientIds the patients the number belongs to (empty for an unknown number)
 * @param events     the events to publish with it ({@code SmsOptOutChanged}, {@code AppointmentReplyReceived})
 */
public record InboundEntry(String messageSid, Instant receivedAt, String keyword, ReplyKeyword.Action action,
                           Outcome outcome, List<String> patientIds, String appointmentId, List<Object> events) {

    /** What an inbound SMS led to. */
    public enum Outcome {
        UNKNOWN_NUMBER, OPTED_OUT, OPTED_IN, CONFIRM_REQUESTED, CANCEL_REQUESTED, NO_UPCOMING_APPOINTMENT, HELP,
        OFFER_TAKEN, OFFER_PASSED, NO_OPEN_OFFER
    }

    public InboundEntry {
        patientIds = List.copyOf(patientIds);
        events = List.copyOf(events);
    }
}
