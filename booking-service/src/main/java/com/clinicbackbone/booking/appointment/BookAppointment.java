package com.clinicbackbone.booking.appointment;

import java.time.Instant;

/**
 * A request to book. A walk-in has no start: it starts now (rounded down to the calendar grid). {@code by} says who
 * books: a PATIENT online (minimum notice and the online flag bind) or the CLINIC (the desk).
 */
public record BookAppointment(String clinicId, String serviceId, String practitionerId, String patientId,
                              Instant start, boolean walkIn, Party by) {

    public BookAppointment {
        by = by == null ? Party.CLINIC : by;
    }

    /** Booked by the clinic. */
    public BookAppointment(String clinicId, String serviceId, String practitionerId, String patientId,
                           Instant start, boolean walkIn) {
        this(clinicId, serviceId, practitionerId, patientId, start, walkIn, Party.CLINIC);
    }

    /** Booked by the clinic, not a walk-in. */
    public BookAppointment(String clinicId, String serviceId, String practitionerId, String patientId,
                           Instant start) {
        this(clinicId, serviceId, practitionerId, patientId, start, false, Party.CLINIC);
    }
}
