package com.clinicbackbone.booking.course;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.Instant;

/** Clinic-local dates from {@code from} to {@code to}, both included. */
public record DateWindow(LocalDate from, LocalDate to) {

    public boolean contains(LocalDate date) {
        return !date.isBefore(from) && !date.isAfter(to);
    }

    /** The first instant of the window in the zone. */
    Instant start(ZoneId zone) {
        return from.atStartOfDay(zone).toInstant();
    }

    /** The instant just after the window in the zone. */
    Instant end(ZoneId zone) {
        return to.plusDays(1).atStartOfDay(zone).toInstant();
    }
}
