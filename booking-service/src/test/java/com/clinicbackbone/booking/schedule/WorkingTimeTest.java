package com.clinicbackbone.booking.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.clinicbackbone.booking.clinic.DemoCatalog;
import com.clinicbackbone.booking.clinic.InMemoryCatalog;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class WorkingTimeTest {

    static final ZoneId EDMONTON = ZoneId.of("America/Edmonton");
    static final LocalDate MONDAY = LocalDate.parse("2026-03-02");

    final InMemoryCatalog catalog = new InMemoryCatalog();
    final InMemorySchedules schedules = new InMemorySchedules();
    final ScheduleService schedule = new ScheduleService(catalog, schedules);

    WorkingTime mayaAtRunningShoe(LocalDate date) {
        return schedule.workingTime("maya-chen", DemoCatalog.CLINICS.get(0), date, date);
    }

    static Instant local(String dateTime) {
        return LocalDateTime.parse(dateTime).atZone(EDMONTON).toInstant();
    }

    @Test
    void theWeeklyHoursWithoutTheBreakAreTheWorkingTimeOfADay() {
        assertThat(mayaAtRunningShoe(MONDAY).windows(MONDAY, MONDAY)).containsExactly(
                new Interval(local("2026-03-02T08:00"), local("2026-03-02T12:00")),
                new Interval(local("2026-03-02T12:30"), local("2026-03-02T16:00")));
        assertThat(mayaAtRunningShoe(MONDAY.plusDays(1)).windows(MONDAY.plusDays(1), MONDAY.plusDays(1))).isEmpty();
    }

    @Test
    void saysWhyAPractitionerIsNotWorking() {
        WorkingTime monday = mayaAtRunningShoe(MONDAY);

        assertThat(monday.whyNot(local("2026-03-02T09:00"), local("2026-03-02T09:30"))).isEmpty();
        assertThat(monday.whyNot(local("2026-03-02T11:45"), local("2026-03-02T12:15")))
                .contains(Unavailability.IN_BREAK);
        assertThat(monday.whyNot(local("2026-03-02T15:45"), local("2026-03-02T16:15")))
                .contains(Unavailability.OUTSIDE_HOURS);
        assertThat(monday.whyNot(local("2026-03-02T07:30"), local("2026-03-02T08:00")))
                .contains(Unavailability.OUTSIDE_HOURS);
    }

    @Test
    void leaveCutsTheDayAtEveryClinicAndExtraHoursAddToOneClinic() {
        schedules.add(new ScheduleException("leave", "maya-chen", ExceptionKind.LEAVE, null,
                LocalDateTime.parse("2026-03-02T10:00"), LocalDateTime.parse("2026-03-02T11:00")));
        schedules.add(new ScheduleException("extra", "maya-chen", ExceptionKind.EXTRA_HOURS, "running-shoe",
                LocalDateTime.parse("2026-03-02T16:00"), LocalDateTime.parse("2026-03-02T18:00")));
        schedules.add(new ScheduleException("elsewhere", "maya-chen", ExceptionKind.EXTRA_HOURS,
                "calgary-concussion", LocalDateTime.parse("2026-03-02T06:00"), LocalDateTime.parse("2026-03-02T07:00")));

        WorkingTime monday = mayaAtRunningShoe(MONDAY);

        assertThat(monday.windows(MONDAY, MONDAY)).containsExactly(
                new Interval(local("2026-03-02T08:00"), local("2026-03-02T10:00")),
                new Interval(local("2026-03-02T11:00"), local("2026-03-02T12:00")),
                new Interval(local("2026-03-02T12:30"), local("2026-03-02T18:00")));
        assertThat(monday.whyNot(local("2026-03-02T10:30"), local("2026-03-02T11:00")))
                .contains(Unavailability.ON_LEAVE);
        assertThat(monday.whyNot(local("2026-03-02T17:00"), local("2026-03-02T17:30"))).isEmpty();
    }

    @Test
    void aClosedDayHasNoWorkingTimeEvenWithExtraHours() {
        schedules.add(new Closure("holiday", "running-shoe", MONDAY, "Family Day"));
        schedules.add(new ScheduleException("extra", "maya-chen", ExceptionKind.EXTRA_HOURS, "running-shoe",
                LocalDateTime.parse("2026-03-02T16:00"), LocalDateTime.parse("2026-03-02T18:00")));

        WorkingTime monday = mayaAtRunningShoe(MONDAY);

        assertThat(monday.windows(MONDAY, MONDAY)).isEmpty();
        assertThat(monday.whyNot(local("2026-03-02T09:00"), local("2026-03-02T09:30")))
                .contains(Unavailability.CLINIC_CLOSED);
    }

    @Test
    void wallClockHoursKeepTheirLocalTimeAcrossTheDaylightSavingChanges() {
        LocalDate beforeSpring = LocalDate.parse("2026-03-06");
        LocalDate afterSpring = LocalDate.parse("2026-03-09");
        LocalDate afterFall = LocalDate.parse("2026-11-02");

        assertThat(mayaAtRunningShoe(beforeSpring).windows(beforeSpring, beforeSpring).get(0).start())
                .isEqualTo(Instant.parse("2026-03-06T15:00:00Z"));
        assertThat(mayaAtRunningShoe(afterSpring).windows(afterSpring, afterSpring).get(0).start())
                .isEqualTo(Instant.parse("2026-03-09T14:00:00Z"));
        assertThat(mayaAtRunningShoe(afterFall).windows(afterFall, afterFall).get(0).start())
                .isEqualTo(Instant.parse("2026-11-02T15:00:00Z"));
    }
}
