package com.clinicbackbone.events;

import java.time.Instant;

/** An appointment was booked. Topic {@link Topics#APPOINTMENTS}, key = appointment id. Ids and times only. */
public record AppointmentBooked(String appointmentId, String clinicId, String serviceId, String practitionerId,
                                String patientId, Instant start, Instant end, String status) {

    public static final String TYPE = "clinic.appointment.booked.v1";
}
