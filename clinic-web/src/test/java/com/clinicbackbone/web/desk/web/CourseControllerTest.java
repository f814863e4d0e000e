package com.clinicbackbone.web.desk.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.junit.jupiter.api.Test;

class CourseControllerTest {

    static final ZoneId CALGARY = ZoneId.of("America/Edmonton");
    static final CourseController.PlanForm FORM = new CourseController.PlanForm("p", "massage-60", "sofia-ramirez", 3,
            7, 14, LocalDate.of(2026, 3, 4), LocalTime.of(11, 0), List.of(DayOfWeek.WEDNESDAY), "11:00");

    @Test
    void preferredTimesAreReadAsTypedInOrder() {
        assertThat(CourseController.times("14:30, 10:00 10:00;9:00".replace("9:00", "09:00")))
                .containsExactly(LocalTime.of(9, 0), LocalTime.of(10, 0), LocalTime.of(14, 30));
        assertThat(CourseController.times("  ")).isEmpty();
        assertThatThrownBy(() -> CourseController.times("ten o'clock")).isInstanceOf(DateTimeParseException.class);
    }

    @Test
    void takingAnAlternativeForTheFirstSessionMakesItTheFirstStart() {
        CourseController.PlanForm taken = CourseController.withAlternative(FORM, List.of(LocalTime.of(11, 0)),
                LocalDate.of(2026, 3, 5).atTime(14, 15).atZone(CALGARY).toInstant(), 1, CALGARY);

        assertThat(taken.firstDate()).isEqualTo(LocalDate.of(2026, 3, 5));
        assertThat(taken.firstTime()).isEqualTo(LocalTime.of(14, 15));
        assertThat(taken.preferredWeekdays()).containsExactly(DayOfWeek.WEDNESDAY);
        assertThat(taken.preferredTimes()).isEqualTo("11:00");
    }

    @Test
    void takingAnAlternativeForALaterSessionAddsItsWeekdayAndTimeToThePreferences() {
        CourseController.PlanForm taken = CourseController.withAlternative(FORM, List.of(LocalTime.of(11, 0)),
                LocalDate.of(2026, 3, 12).atTime(14, 15).atZone(CALGARY).toInstant(), 2, CALGARY);

        assertThat(taken.firstDate()).isEqualTo(FORM.firstDate());
        assertThat(taken.preferredWeekdays()).containsExactly(DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY);
        assertThat(taken.preferredTimes()).isEqualTo("11:00, 14:15");
    }

    @Test
    void withoutPreferredTimesALaterAlternativeKeepsTheFirstSessionsTimeToo() {
        CourseController.PlanForm anyTime = new CourseController.PlanForm("p", "massage-60", "sofia-ramirez", 3, 7, 14,
                LocalDate.of(2026, 3, 4), LocalTime.of(11, 0), List.of(), "");

        CourseController.PlanForm taken = CourseController.withAlternative(anyTime, List.of(),
                LocalDate.of(2026, 3, 12).atTime(9, 0).atZone(CALGARY).toInstant(), 3, CALGARY);

        assertThat(taken.preferredWeekdays()).isEmpty();
        assertThat(taken.preferredTimes()).isEqualTo("09:00, 11:00");
    }
}
