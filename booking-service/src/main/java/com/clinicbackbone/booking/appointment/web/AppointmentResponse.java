package com.clinicbackbone.booking.appointment.web;

import com.clinicbackbone.booking.appointment.Appointment;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

@JsonInclude(JsonInclude.Include.NON_NULL)
record AppointmentResponse(String id, String clinicId, String serviceId, String practitionerId, String patientId,
                           Instant start, Instant end, String status, long revision, Instant createdAt,
                           Instant cancelledAt, String cancellationReason) {

    static AppointmentResponse of(Appointment appointment) {
        return new AppointmentResponse(appointment.id(), appointment.clinicId(), appointment.serviceId(),
                appointment.practitionerId(), appointment.patientId(), appointment.start(), appointment.end(),
                appointment.status().name(), appointment.revision(), appointment.createdAt(),
                appointment.cancelledAt(), appointment.cancellationReason());
    }
}
