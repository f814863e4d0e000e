package com.clinicbackbone.booking.appointment;

import java.time.Instant;

/**
 * A request to book. A walk-in has no start: it starts now (rounded down to the calendar grid).
 */
public record BookAppointment(String clinicId, String serviceId, String practitionerId, String patientId,
                              Instant start, boolean walkIn) {

    public BookAppointment(String clinicId, String serviceId, String practitionerId, String patientId,
                           Instant start) {
        this(clinicId, serviceId, practitionerId, patientId, start, false);
    }
}
