package com.clinicbackbone.booking.schedule;

import com.clinicbackbone.booking.clinic.InvalidFieldException;
import java.time.LocalTime;

/** A wall-clock range [start, end) within one day; end after start. */
public record TimeRange(LocalTime start, LocalTime end) {

    public TimeRange {
        if (start == null || end == null) {
            throw new InvalidFieldException("start", "start and end must be given as HH:mm");
        }
        if (!end.isAfter(start)) {
            throw new InvalidFieldException("end", "must be after start (" + start + ")");
        }
    }

    public boolean overlaps(TimeRange other) {
        return start.isBefore(other.end) && other.start.isBefore(end);
    }

    public boolean contains(TimeRange other) {
        return !other.start.isBefore(start) && !other.end.isAfter(end);
    }
}
