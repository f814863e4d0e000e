package com.clinicbackbone.web.desk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class LaneTest {

    static final ZoneId CALGARY = ZoneId.of("America/Edmonton");
    static final LocalDate MONDAY = LocalDate.of(2026, 3, 2);
    static final Schedule.WeeklyHours MONDAYS = new Schedule.WeeklyHours(List.of(new Schedule.Day(DayOfWeek.MONDAY,
            LocalTime.of(8, 0), LocalTime.of(16, 0), List.of(new Schedule.Break(LocalTime.of(12, 0),
            LocalTime.of(12, 30))))));

    static Instant at(LocalDate date, int hour, int minute) {
        return date.atTime(hour, minute).atZone(CALGARY).toInstant();
    }

    @Test
    void weeklyHoursOfTheWeekdayWithTheirBreakInClinicTime() {
        Lane lane = Lane.of("maya-chen", "running-shoe", MONDAY, CALGARY, MONDAYS, List.of(), List.of());

        assertThat(lane.stateAt(at(MONDAY, 7, 45))).isEqualTo(Lane.State.OFF);
        assertThat(lane.stateAt(at(MONDAY, 8, 0))).isEqualTo(Lane.State.WORK);
        assertThat(lane.stateAt(at(MONDAY, 12, 15))).isEqualTo(Lane.State.BREAK);
        assertThat(lane.stateAt(at(MONDAY, 16, 0))).isEqualTo(Lane.State.OFF);
        assertThat(DeskCalendar.labels(lane.work(), MONDAY, CALGARY)).isEqualTo("08:00–16:00");
        assertThat(DeskCalendar.labels(lane.breaks(), MONDAY, CALGARY)).isEqualTo("12:00–12:30");
    }

    @Test
    void otherWeekdaysAreNotWorked() {
        Lane tuesday = Lane.of("maya-chen", "running-shoe", MONDAY.plusDays(1), CALGARY, MONDAYS, List.of(),
                List.of());

        assertThat(tuesday.works()).isFalse();
        assertThat(tuesday.stateAt(at(MONDAY.plusDays(1), 9, 0))).isEqualTo(Lane.State.OFF);
    }

    @Test
    void leaveAppliesAtEveryClinicAndExtraHoursOnlyAtTheirs() {
        List<Schedule.OneOff> oneOffs = List.of(
                new Schedule.OneOff("l1", "maya-chen", "LEAVE", null, MONDAY.atTime(14, 0), MONDAY.atTime(16, 0)),
                new Schedule.OneOff("x1", "maya-chen", "EXTRA_HOURS", "running-shoe", MONDAY.atTime(17, 0),
                        MONDAY.atTime(19, 0)),
                new Schedule.OneOff("x2", "maya-chen", "EXTRA_HOURS", "calgary-concussion", MONDAY.atTime(6, 0),
                        MONDAY.atTime(7, 0)),
                new Schedule.OneOff("l2", "liam-okafor", "LEAVE", null, MONDAY.atStartOfDay(),
                        MONDAY.plusDays(1).atStartOfDay()));

        Lane lane = Lane.of("maya-chen", "running-shoe", MONDAY, CALGARY, MONDAYS, oneOffs, List.of());

        assertThat(lane.stateAt(at(MONDAY, 15, 0))).isEqualTo(Lane.State.LEAVE);
        assertThat(lane.stateAt(at(MONDAY, 18, 0))).isEqualTo(Lane.State.WORK);
        assertThat(lane.stateAt(at(MONDAY, 6, 30))).isEqualTo(Lane.State.OFF);
        assertThat(lane.stateAt(at(MONDAY, 9, 0))).isEqualTo(Lane.State.WORK);
        assertThat(DeskCalendar.labels(lane.leave(), MONDAY, CALGARY)).isEqualTo("14:00–16:00");
    }

    @Test
    void aLeaveOverSeveralDaysIsCutToTheDayAndEndsAtMidnightAs2400() {
        Schedule.OneOff week = new Schedule.OneOff("l", "maya-chen", "LEAVE", null,
                LocalDateTime.of(2026, 3, 1, 12, 0), LocalDateTime.of(2026, 3, 6, 0, 0));

        Lane lane = Lane.of("maya-chen", "running-shoe", MONDAY, CALGARY, MONDAYS, List.of(week), List.of());

        assertThat(DeskCalendar.labels(lane.leave(), MONDAY, CALGARY)).isEqualTo("00:00–24:00");
        assertThat(lane.stateAt(at(MONDAY, 9, 0))).isEqualTo(Lane.State.LEAVE);
    }

    @Test
    void aClosureOfTheClinicClosesTheWholeDay() {
        Lane lane = Lane.of("maya-chen", "running-shoe", MONDAY, CALGARY, MONDAYS, List.of(),
                List.of(new Schedule.Closure("c", "running-shoe", MONDAY, "Family Day"),
                        new Schedule.Closure("d", "running-shoe", MONDAY.plusDays(1), null)));

        assertThat(lane.closure()).isEqualTo("Family Day");
        assertThat(lane.stateAt(at(MONDAY, 9, 0))).isEqualTo(Lane.State.CLOSED);
    }

    @Test
    void hoursOnTheFallBackDayAreWallClockHours() {
        LocalDate fallBackSunday = LocalDate.of(2026, 11, 1);
        Schedule.WeeklyHours sundays = new Schedule.WeeklyHours(List.of(new Schedule.Day(DayOfWeek.SUNDAY,
                LocalTime.of(0, 0), LocalTime.of(4, 0), List.of())));

        Lane lane = Lane.of("maya-chen", "running-shoe", fallBackSunday, CALGARY, sundays, List.of(), List.of());

        Span work = lane.work().get(0);
        assertThat(java.time.Duration.between(work.start(), work.end())).hasHours(5);
        assertThat(work.label(CALGARY)).isEqualTo("00:00–04:00");
    }
}
