package com.clinicbackbone.events;

import java.time.Instant;

/**
 * A patient should be invited to book: a treatment course's session was cancelled and not moved
 * ({@link #SESSION_NOT_BOOKED}), or a completed consultation is not followed by the treatment it is the prerequisite
 * of ({@link #TREATMENT_NOT_BOOKED}). notification-service invites the patient per the clinic's recall policy until
 * {@link RecallClosed}. Topic {@link Topics#RECALLS}, key = recall id. Ids only.
 *
 * @param serviceId     what to book (the treatment, or the course's service)
 * @param appointmentId the consultation completed, or the session cancelled
 * @param courseId      the course of a cancelled session, else null
 */
public record RecallOpened(String recallId, String patientId, String clinicId, String serviceId,
                           String practitionerId, String reason, String appointmentId, String courseId,
                           Instant openedAt) {

    public static final String TYPE = "clinic.recall.opened.v1";
    public static final String SESSION_NOT_BOOKED = "SESSION_NOT_BOOKED";
    public static final String TREATMENT_NOT_BOOKED = "TREATMENT_NOT_BOOKED";
}
