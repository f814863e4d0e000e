package com.clinicbackbone.booking.course;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;

/** Builds course requests: running-shoe massage with Sofia Ramirez, 3 sessions 14-28 days apart by default. */
final class PlanCourseFixture {

    private Integer sessions = 3;
    private int min = 14;
    private int max = 28;
    private Instant firstStart = FakeFreeStarts.local("2026-03-04", "10:00");
    private List<DayOfWeek> weekdays = List.of();
    private List<LocalTime> times = List.of();
    private List<Instant> starts;

    static PlanCourseFixture aCourse() {
        return new PlanCourseFixture();
    }

    PlanCourseFixture sessions(Integer sessions) {
        this.sessions = sessions;
        return this;
    }

    PlanCourseFixture gaps(int min, int max) {
        this.min = min;
        this.max = max;
        return this;
    }

    PlanCourseFixture from(Instant firstStart) {
        this.firstStart = firstStart;
        return this;
    }

    PlanCourseFixture on(DayOfWeek... weekdays) {
        this.weekdays = List.of(weekdays);
        return this;
    }

    PlanCourseFixture at(String... times) {
        this.times = Arrays.stream(times).map(LocalTime::parse).toList();
        return this;
    }

    /** Every session's start given explicitly (sessions and firstStart left out). */
    PlanCourseFixture startingAt(Instant... starts) {
        this.starts = List.of(starts);
        this.sessions = null;
        this.firstStart = null;
        return this;
    }

    PlanCourse build() {
        return new PlanCourse("running-shoe", "massage-60", "sofia-ramirez", "patient-1", sessions, min, max,
                firstStart, weekdays, times, starts);
    }
}
