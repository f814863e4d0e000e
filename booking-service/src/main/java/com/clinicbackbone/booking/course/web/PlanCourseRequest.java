package com.clinicbackbone.booking.course.web;

import com.clinicbackbone.booking.course.PlanCourse;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;

/**
 * A course to plan: {@code sessions} from {@code firstStart} with optional clinic-local {@code preferredWeekdays}
 * and {@code preferredTimes}, or every session's start in {@code starts}. The course rules (1-10 sessions,
 * 0 <= min <= max, one of the two forms) are checked by the planner.
 */
record PlanCourseRequest(@NotBlank @Size(max = 100) String clinicId,
                         @NotBlank @Size(max = 100) String serviceId,
                         @NotBlank @Size(max = 100) String practitionerId,
                         @NotBlank @Size(max = 100) String patientId,
                         Integer sessions,
                         @NotNull Integer minDaysBetween,
                         @NotNull Integer maxDaysBetween,
                         Instant firstStart,
                         @Size(max = 7) List<@NotNull DayOfWeek> preferredWeekdays,
                         @Size(max = 24) List<@NotNull LocalTime> preferredTimes,
                         @Size(max = 10) List<@NotNull Instant> starts) {

    PlanCourse toCommand() {
        return new PlanCourse(clinicId, serviceId, practitionerId, patientId, sessions, minDaysBetween,
                maxDaysBetween, firstStart, preferredWeekdays, preferredTimes, starts);
    }
}
