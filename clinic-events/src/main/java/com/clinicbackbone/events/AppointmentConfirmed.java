package com.clinicbackbone.events;

import java.time.Instant;

/** The patient confirmed the appointment (by link or SMS reply). Topic {@link Topics#APPOINTMENTS}, key = appointment id. Ids and times only. */
public record AppointmentConfirmed(String appointmentId, String clinicId, String serviceId, String practitionerId,
                              String patientId, Instant start, Instant end, String status) {

    public static final String TYPE = "clinic.appointment.confirmed.v1";
}
