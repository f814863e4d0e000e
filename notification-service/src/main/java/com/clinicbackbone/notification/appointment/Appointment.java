package com.clinicbackbone.notification.appointment;

import java.time.Instant;

/** This service's copy of an appointment, as far as the appointment events tell. */
public record Appointment(String id, String clinicId, String patientId, Instant start, Instant end,
                          AppointmentStatus status, long revision) {
}
