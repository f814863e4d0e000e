package com.clinicbackbone.events;

import java.time.Instant;

/**
 * An appointment was cancelled. Topic {@link Topics#APPOINTMENTS}, key = appointment id.
 * The free-text reason stays in booking-service: it may hold health information.
 */
public record AppointmentCancelled(String appointmentId, String clinicId, String serviceId, String practitionerId,
                                   String patientId, Instant start, Instant end, String status,
                                   Instant cancelledAt) {

    public static final String TYPE = "clinic.appointment.cancelled.v1";
}
