package com.clinicbackbone.booking.schedule;

import com.clinicbackbone.booking.clinic.InvalidFieldException;
import java.time.Duration;
import java.time.LocalDateTime;

/**
 * A one-off change of a practitioner's hours over a clinic-local date-time range [start, end): LEAVE at every clinic
 * (clinicId null), EXTRA_HOURS at {@code clinicId}. No free-text reason is kept (it could be health information).
 */
public record ScheduleException(String id, String practitionerId, ExceptionKind kind, String clinicId,
                                LocalDateTime start, LocalDateTime end) {

    static final Duration LONGEST = Duration.ofDays(366);

    public ScheduleException {
        if (kind == null) {
            throw new InvalidFieldException("kind", "must be LEAVE or EXTRA_HOURS");
        }
        if (start == null) {
            throw new InvalidFieldException("start", "must be a clinic-local date-time like 2026-03-02T08:00");
        }
        if (end == null || !end.isAfter(start)) {
            throw new InvalidFieldException("end", "must be a clinic-local date-time after start");
        }
        if (Duration.between(start, end).compareTo(LONGEST) > 0) {
            throw new InvalidFieldException("end", "must be at most 366 days after start");
        }
        if (kind == ExceptionKind.EXTRA_HOURS && (clinicId == null || clinicId.isBlank())) {
            throw new InvalidFieldException("clinicId", "must name the clinic of the extra hours");
        }
        if (kind == ExceptionKind.EXTRA_HOURS && Duration.between(start, end).compareTo(Duration.ofHours(24)) > 0) {
            throw new InvalidFieldException("end", "extra hours are one block of at most 24 h");
        }
        if (kind == ExceptionKind.LEAVE && clinicId != null) {
            throw new InvalidFieldException("clinicId", "must be left out: leave applies at every clinic");
        }
    }

    public boolean overlaps(LocalDateTime from, LocalDateTime to) {
        return start.isBefore(to) && from.isBefore(end);
    }
}
