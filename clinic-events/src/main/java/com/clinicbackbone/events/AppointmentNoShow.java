package com.clinicbackbone.events;

import java.time.Instant;

/** The patient did not come. Topic {@link Topics#APPOINTMENTS}, key = appointment id. Ids and times only. */
public record AppointmentNoShow(String appointmentId, String clinicId, String serviceId, String practitionerId,
                              String patientId, Instant start, Instant end, String status) {

    public static final String TYPE = "clinic.appointment.no-show.v1";
}
