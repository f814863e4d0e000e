package com.clinicbackbone.web.backbone;

import java.time.Instant;

/** An appointment as booking-service gives it ({@code cancellationRequested}: the patient asked by SMS to cancel). */
public record Appointment(String id, String clinicId, String serviceId, String practitionerId, String patientId,
                          Instant start, Instant end, String status, long revision, boolean walkIn,
                          Instant cancelledAt, String cancelledBy, Boolean late, String cancellationReason,
                          String resourceId, Boolean cancellationRequested) {

    public boolean isOpen() {
        return status.equals("BOOKED") || status.equals("CONFIRMED");
    }

    public boolean isAskedToCancel() {
        return Boolean.TRUE.equals(cancellationRequested);
    }
}
