package com.clinicbackbone.booking.appointment;

import java.time.Instant;

/** A request to book. */
public record BookAppointment(String clinicId, String serviceId, String practitionerId, String patientId,
                              Instant start) {
}
