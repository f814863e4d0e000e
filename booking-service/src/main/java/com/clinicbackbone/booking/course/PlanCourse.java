package com.clinicbackbone.booking.course;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;

/**
 * A request to plan and book a treatment course: either {@code sessions} from {@code firstStart} with optional
 * clinic-local preferences, or the explicit {@code starts} of every session (how the desk accepts proposed
 * alternatives). The gaps are counted in clinic-local days between session dates.
 *
 * @param starts null unless the sessions' starts are given explicitly
 */
public record PlanCourse(String clinicId, String serviceId, String practitionerId, String patientId,
                         Integer sessions, int minDaysBetween, int maxDaysBetween, Instant firstStart,
                         List<DayOfWeek> preferredWeekdays, List<LocalTime> preferredTimes, List<Instant> starts) {

    public PlanCourse {
        preferredWeekdays = preferredWeekdays == null ? List.of() : List.copyOf(preferredWeekdays);
        preferredTimes = preferredTimes == null ? List.of() : preferredTimes.stream().sorted().distinct().toList();
        starts = starts == null ? null : List.copyOf(starts);
    }

    /** Whether the desk gave every session's start. */
    public boolean explicit() {
        return starts != null;
    }
}
