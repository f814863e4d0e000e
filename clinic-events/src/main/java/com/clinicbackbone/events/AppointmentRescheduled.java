package com.clinicbackbone.events;

import java.time.Instant;

/**
 * The appointment moved to a new time (same id; the revision grows). Topic {@link Topics#APPOINTMENTS},
 * key = appointment id. Reminders planned for the previous start must not be sent.
 */
public record AppointmentRescheduled(String appointmentId, String clinicId, String serviceId, String practitionerId,
                                     String patientId, Instant start, Instant end, String status,
                                     Instant previousStart) {

    public static final String TYPE = "clinic.appointment.rescheduled.v1";
}
