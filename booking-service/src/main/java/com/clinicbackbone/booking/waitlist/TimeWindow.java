package com.clinicbackbone.booking.waitlist;

import java.time.LocalTime;

/** A clinic-local time of day the patient can come, {@code [start, end)}: a visit must lie inside it. */
public record TimeWindow(LocalTime start, LocalTime end) {

    public TimeWindow {
        if (start == null || end == null || !start.isBefore(end)) {
            throw new InvalidWaitlistEntryException("times", "each window needs a start before its end");
        }
    }

    /** Whether a visit from {@code from} to {@code to} (the same day) lies inside. */
    boolean contains(LocalTime from, LocalTime to) {
        return !from.isBefore(start) && !to.isAfter(end) && !to.isBefore(from);
    }
}
