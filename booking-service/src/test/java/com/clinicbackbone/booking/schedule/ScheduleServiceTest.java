package com.clinicbackbone.booking.schedule;

import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.TUESDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.clinicbackbone.booking.clinic.InMemoryCatalog;
import com.clinicbackbone.booking.clinic.InvalidFieldException;
import com.clinicbackbone.booking.clinic.UnknownPractitionerException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScheduleServiceTest {

    final InMemorySchedules schedules = new InMemorySchedules();
    final ScheduleService schedule = new ScheduleService(new InMemoryCatalog(), schedules);

    static DayHours block(java.time.DayOfWeek day, String start, String end, String... breaks) {
        List<TimeRange> pauses = new java.util.ArrayList<>();
        for (int i = 0; i < breaks.length; i += 2) {
            pauses.add(new TimeRange(LocalTime.parse(breaks[i]), LocalTime.parse(breaks[i + 1])));
        }
        return new DayHours(day, LocalTime.parse(start), LocalTime.parse(end), pauses);
    }

    @Test
    void replacesTheWeeklyHoursAtOneClinic() {
        WeeklyHours hours = new WeeklyHours("maya-chen", "calgary-concussion",
                List.of(block(TUESDAY, "10:00", "14:00", "12:00", "12:15")));

        schedule.replaceHours(hours);

        assertThat(schedule.hours("maya-chen", "calgary-concussion")).isEqualTo(hours);
        assertThat(schedule.hours("maya-chen", "running-shoe").on(MONDAY)).hasSize(1);
    }

    @Test
    void refusesHoursThatOverlapTheSamePractitionersHoursAtAnotherClinic() {
        WeeklyHours before = schedule.hours("maya-chen", "calgary-concussion");
        WeeklyHours clash = new WeeklyHours("maya-chen", "calgary-concussion",
                List.of(block(MONDAY, "15:30", "18:00")));

        assertThatThrownBy(() -> schedule.replaceHours(clash)).isInstanceOf(ScheduleConflictException.class)
                .hasMessageContaining("running-shoe").hasMessageContaining("MONDAY");
        assertThat(schedule.hours("maya-chen", "calgary-concussion")).isEqualTo(before);
        // right after the running-shoe day ends is fine
        schedule.replaceHours(new WeeklyHours("maya-chen", "calgary-concussion",
                List.of(block(MONDAY, "16:00", "18:00"))));
    }

    @Test
    void refusesBadBlocksAndBreaksNamingTheField() {
        assertThatThrownBy(() -> block(MONDAY, "16:00", "08:00")).isInstanceOfSatisfying(InvalidFieldException.class,
                e -> assertThat(e.field()).isEqualTo("end"));
        assertThatThrownBy(() -> block(MONDAY, "08:00", "12:00", "11:30", "12:30"))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("breaks"));
        assertThatThrownBy(() -> block(MONDAY, "08:00", "12:00", "09:00", "10:00", "09:30", "10:30"))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("breaks"));
        assertThatThrownBy(() -> new WeeklyHours("maya-chen", "running-shoe",
                List.of(block(MONDAY, "08:00", "12:00"), block(MONDAY, "11:00", "14:00"))))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("weekly"));
    }

    @Test
    void hoursAreOnlyForAClinicThePractitionerWorksAt() {
        assertThatThrownBy(() -> schedule.replaceHours(new WeeklyHours("sofia-ramirez", "integrative-pain",
                List.of(block(MONDAY, "08:00", "12:00"))))).isInstanceOf(UnknownPractitionerException.class);
        assertThat(schedules.hoursOf("sofia-ramirez")).hasSize(1);
    }

    @Test
    void extraHoursAreOnlyAtAClinicThePractitionerWorksAtAndLeaveIsEverywhere() {
        assertThatThrownBy(() -> schedule.addException(new ScheduleException("x", "sofia-ramirez",
                ExceptionKind.EXTRA_HOURS, "integrative-pain", LocalDateTime.parse("2026-03-02T08:00"),
                LocalDateTime.parse("2026-03-02T09:00")))).isInstanceOfSatisfying(InvalidFieldException.class,
                e -> assertThat(e.field()).isEqualTo("clinicId"));
        assertThatThrownBy(() -> new ScheduleException("x", "sofia-ramirez", ExceptionKind.LEAVE, "running-shoe",
                LocalDateTime.parse("2026-03-02T08:00"), LocalDateTime.parse("2026-03-02T09:00")))
                .isInstanceOf(InvalidFieldException.class);

        schedule.addException(new ScheduleException("leave", "sofia-ramirez", ExceptionKind.LEAVE, null,
                LocalDateTime.parse("2026-03-02T08:00"), LocalDateTime.parse("2026-03-04T09:00")));

        assertThat(schedule.exceptions("sofia-ramirez", LocalDate.parse("2026-03-03"), LocalDate.parse("2026-03-03")))
                .extracting(ScheduleException::id).containsExactly("leave");
        assertThat(schedule.exceptions("sofia-ramirez", LocalDate.parse("2026-03-05"), LocalDate.parse("2026-03-06")))
                .isEmpty();
        schedule.removeException("sofia-ramirez", "leave");
        assertThatThrownBy(() -> schedule.removeException("sofia-ramirez", "leave"))
                .isInstanceOf(ScheduleEntryNotFoundException.class);
    }
}
