package com.clinicbackbone.events;

import java.time.Instant;

/** The visit took place; aftercare may follow. Topic {@link Topics#APPOINTMENTS}, key = appointment id. Ids and times only. */
public record AppointmentCompleted(String appointmentId, String clinicId, String serviceId, String practitionerId,
                              String patientId, Instant start, Instant end, String status) {

    public static final String TYPE = "clinic.appointment.completed.v1";
}
