package com.clinicbackbone.booking.schedule;

import java.time.Instant;

/** A span of time [start, end). */
public record Interval(Instant start, Instant end) {

    public boolean contains(Instant from, Instant to) {
        return !from.isBefore(start) && !to.isAfter(end);
    }

    public boolean overlaps(Instant from, Instant to) {
        return start.isBefore(to) && from.isBefore(end);
    }
}
