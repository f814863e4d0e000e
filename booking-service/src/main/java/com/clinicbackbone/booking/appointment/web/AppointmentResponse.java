package com.clinicbackbone.booking.appointment.web;

import com.clinicbackbone.booking.appointment.Appointment;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** An appointment; {@code cancelledAt}, {@code cancelledBy}, {@code late} and the reason only once cancelled;
 * {@code resourceId} only when it uses a room/device; {@code cancellationRequested: true} only when the patient asked
 * by SMS to cancel inside the late-cancellation window (the front desk is to call them). */
@JsonInclude(JsonInclude.Include.NON_NULL)
record AppointmentResponse(String id, String clinicId, String serviceId, String practitionerId, String patientId,
                           Instant start, Instant end, String status, long revision, boolean walkIn,
                           Instant createdAt, Instant cancelledAt, String cancelledBy, Boolean late,
                           String cancellationReason, String resourceId, Boolean cancellationRequested) {

    static AppointmentResponse of(Appointment appointment) {
        return new AppointmentResponse(appointment.id(), appointment.clinicId(), appointment.serviceId(),
                appointment.practitionerId(), appointment.patientId(), appointment.start(), appointment.end(),
                appointment.status().name(), appointment.revision(), appointment.walkIn(), appointment.createdAt(),
                appointment.cancelledAt(), appointment.cancelledBy() == null ? null : appointment.cancelledBy().name(),
                appointment.late(), appointment.cancellationReason(), appointment.resourceId(),
                appointment.cancellationRequested() ? Boolean.TRUE : null);
    }
}
