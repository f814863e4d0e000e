package com.clinicbackbone.events;

import java.time.Instant;

/** The patient arrived and was checked in at the desk. Topic {@link Topics#APPOINTMENTS}, key = appointment id. Ids and times only. */
public record AppointmentCheckedIn(String appointmentId, String clinicId, String serviceId, String practitionerId,
                              String patientId, Instant start, Instant end, String status) {

    public static final String TYPE = "clinic.appointment.checked-in.v1";
}
