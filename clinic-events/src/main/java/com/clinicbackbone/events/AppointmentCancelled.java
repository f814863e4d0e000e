package com.clinicbackbone.events;

import java.time.Instant;

/**
 * An appointment was cancelled. Topic {@link Topics#APPOINTMENTS}, key = appointment id.
 * The free-text reason stays in booking-service: it may hold health information.
 *
 * @param late true when cancelled inside the service's late-cancellation window (added later: null in older events)
 */
public record AppointmentCancelled(String appointmentId, String clinicId, String serviceId, String practitionerId,
                                   String patientId, Instant start, Instant end, String status,
                                   Instant cancelledAt, Boolean late) {

    /** A cancellation as the first version of the contract wrote it, without the late flag. */
    public AppointmentCancelled(String appointmentId, String clinicId, String serviceId, String practitionerId,
                                String patientId, Instant start, Instant end, String status, Instant cancelledAt) {
        this(appointmentId, clinicId, serviceId, practitionerId, patientId, start, end, status, cancelledAt, null);
    }

    public static final String TYPE = "clinic.appointment.cancelled.v1";
}
