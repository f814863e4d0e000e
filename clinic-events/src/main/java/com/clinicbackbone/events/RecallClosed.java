package com.clinicbackbone.events;

import java.time.Instant;

/**
 * A recall needs nothing more: the patient booked the service ({@link #BOOKED}), the course was cancelled
 * ({@link #COURSE_CANCELLED}), the front desk handled it ({@link #HANDLED}) or the patient was erased
 * ({@link #PATIENT_ERASED}); invitations not sent yet are withdrawn. Topic {@link Topics#RECALLS}, key = recall id.
 */
public record RecallClosed(String recallId, String patientId, String clinicId, String reason, Instant at) {

    public static final String TYPE = "clinic.recall.closed.v1";
    public static final String BOOKED = "BOOKED";
    public static final String COURSE_CANCELLED = "COURSE_CANCELLED";
    public static final String HANDLED = "HANDLED";
    public static final String PATIENT_ERASED = "PATIENT_ERASED";
}
