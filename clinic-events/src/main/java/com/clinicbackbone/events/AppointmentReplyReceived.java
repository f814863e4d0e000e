package com.clinicbackbone.events;

import java.time.Instant;

/**
 * The patient answered a message about their next appointment by SMS: confirm it or ask to cancel it. Topic
 * {@link Topics#NOTIFICATIONS}, key = patient id. Ids only: never the phone number or the message text.
 *
 * @param action {@link #CONFIRM} or {@link #CANCEL}
 * @param at     when the reply was received
 */
public record AppointmentReplyReceived(String appointmentId, String patientId, String clinicId, String action,
                                       Instant at) {

    public static final String TYPE = "clinic.notification.appointment-reply-received.v1";
    public static final String CONFIRM = "CONFIRM";
    public static final String CANCEL = "CANCEL";
}
