package com.clinicbackbone.booking.course;

import static com.clinicbackbone.booking.course.FakeFreeStarts.ZONE;
import static com.clinicbackbone.booking.course.FakeFreeStarts.local;
import static com.clinicbackbone.booking.course.PlanCourseFixture.aCourse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

class CoursePlannerTest {

    static final Duration HOUR = Duration.ofHours(1);
    static final Instant NOW = local("2026-03-01", "12:00");

    final FakeFreeStarts free = new FakeFreeStarts(HOUR, LocalTime.of(9, 0), LocalTime.of(17, 0));
    final CoursePlanner planner = new CoursePlanner(free);

    @Test
    void placesEverySessionOnTheEarliestPreferredWeekdayAndTimeInsideTheGap() {
        var request = aCourse().gaps(14, 28).on(DayOfWeek.WEDNESDAY).at("10:00").build();

        // across the switch to daylight saving time (8 March 2026): still 10:00 clinic-local
        assertThat(planner.plan(request, ZONE, HOUR)).containsExactly(local("2026-03-04", "10:00"),
                local("2026-03-18", "10:00"), local("2026-04-01", "10:00"));
    }

    @Test
    void movesToTheNextPreferredDateWhenThePreferredTimeIsTaken() {
        free.take(local("2026-03-18", "09:30"), HOUR);
        var request = aCourse().gaps(14, 28).on(DayOfWeek.WEDNESDAY).at("10:00").build();

        assertThat(planner.plan(request, ZONE, HOUR)).containsExactly(local("2026-03-04", "10:00"),
                local("2026-03-25", "10:00"), local("2026-04-08", "10:00"));
    }

    @Test
    void takesTheEarliestFreePreferredTimeOfTheDay() {
        free.take(local("2026-03-18", "10:00"), HOUR);
        var request = aCourse().sessions(2).gaps(14, 28).at("14:00", "10:00").build();

        assertThat(planner.plan(request, ZONE, HOUR)).containsExactly(local("2026-03-04", "10:00"),
                local("2026-03-18", "14:00"));
    }

    @Test
    void withoutPreferencesTakesTheFirstFreeStartAtOrAfterThePreviousTimeOfDay() {
        free.take(local("2026-03-11", "09:00"), Duration.ofHours(2));
        var request = aCourse().sessions(2).gaps(7, 10).build();

        assertThat(planner.plan(request, ZONE, HOUR)).containsExactly(local("2026-03-04", "10:00"),
                local("2026-03-11", "11:00"));
    }

    @Test
    void withoutPreferencesSkipsADayWithNothingFreeAtOrAfterThePreviousTimeOfDay() {
        free.take(local("2026-03-11", "10:00"), Duration.ofHours(7)); // 09:00 is free, but earlier than 10:00
        var request = aCourse().sessions(2).gaps(7, 10).build();

        assertThat(planner.plan(request, ZONE, HOUR)).containsExactly(local("2026-03-04", "10:00"),
                local("2026-03-12", "10:00"));
    }

    @Test
    void neverPlacesASessionBeforeThePreviousOneEnds() {
        var request = aCourse().sessions(2).gaps(0, 0).build();

        assertThat(planner.plan(request, ZONE, HOUR)).containsExactly(local("2026-03-04", "10:00"),
                local("2026-03-04", "11:00"));
    }

    @Test
    void refusesASessionWithNoFreePreferredStartNamingItsWindowAndTheNearestAlternatives() {
        free.take(local("2026-03-18", "10:00"), HOUR);
        var request = aCourse().gaps(14, 14).on(DayOfWeek.WEDNESDAY).at("10:00").build();

        var refused = catchThrowableOfType(SessionNotPlaceableException.class,
                () -> planner.plan(request, ZONE, HOUR));

        assertThat(refused.session()).isEqualTo(2);
        assertThat(refused.reason()).isEqualTo(SessionNotPlaceableException.Reason.NO_FREE_START);
        assertThat(refused.isConflict()).isTrue();
        assertThat(refused.window()).isEqualTo(new DateWindow(LocalDate.of(2026, 3, 18), LocalDate.of(2026, 3, 18)));
        // nearest to the ideal 10:00 first; a tie goes to the earlier start
        assertThat(refused.alternatives()).containsExactly(local("2026-03-18", "09:00"),
                local("2026-03-18", "11:00"), local("2026-03-18", "11:05"), local("2026-03-18", "11:10"),
                local("2026-03-18", "11:15"));
    }

    @Test
    void refusesAWindowWithNoFreeStartAtAllWithoutAlternatives() {
        free.takeDay("2026-03-18").takeDay("2026-03-19");
        var request = aCourse().gaps(14, 15).build();

        var refused = catchThrowableOfType(SessionNotPlaceableException.class,
                () -> planner.plan(request, ZONE, HOUR));

        assertThat(refused.session()).isEqualTo(2);
        assertThat(refused.alternatives()).isEmpty();
        assertThat(refused.getMessage()).contains("2026-03-18", "2026-03-19");
    }

    @Test
    void refusesAnExplicitStartThatBreaksTheGapWithTheAllowedWindowAndItsFreeStarts() {
        var request = aCourse().gaps(14, 28)
                .startingAt(local("2026-03-04", "10:00"), local("2026-03-10", "10:00")).build();

        var refused = catchThrowableOfType(SessionNotPlaceableException.class,
                () -> planner.checkGaps(request, ZONE, HOUR));

        assertThat(refused.session()).isEqualTo(2);
        assertThat(refused.reason()).isEqualTo(SessionNotPlaceableException.Reason.GAP);
        assertThat(refused.isConflict()).isFalse();
        assertThat(refused.window()).isEqualTo(new DateWindow(LocalDate.of(2026, 3, 18), LocalDate.of(2026, 4, 1)));
        assertThat(refused.alternatives()).hasSize(5).first().isEqualTo(local("2026-03-18", "09:00"));
    }

    @Test
    void acceptsExplicitStartsInsideTheGaps() {
        var request = aCourse().gaps(14, 28)
                .startingAt(local("2026-03-04", "10:00"), local("2026-03-18", "16:00")).build();

        planner.checkGaps(request, ZONE, HOUR);
    }

    @Test
    void alternativesForTheFirstSessionComeFromItsDayAndTheWeekAfter() {
        var request = aCourse().build();

        assertThat(planner.window(request, ZONE, java.util.List.of(), local("2026-03-04", "10:00")))
                .isEqualTo(new DateWindow(LocalDate.of(2026, 3, 4), LocalDate.of(2026, 3, 11)));
        assertThat(planner.alternatives(request, ZONE, HOUR, java.util.List.of(), local("2026-03-04", "10:00")))
                .containsExactly(local("2026-03-04", "10:00"), local("2026-03-04", "09:55"),
                        local("2026-03-04", "10:05"), local("2026-03-04", "09:50"), local("2026-03-04", "10:10"));
    }

    @Test
    void rejectsAMinimumGapAboveTheMaximum() {
        assertThatThrownBy(() -> CoursePlanner.validate(aCourse().gaps(28, 14).build(), NOW))
                .isInstanceOfSatisfying(InvalidCourseException.class,
                        e -> assertThat(e.field()).isEqualTo("minDaysBetween"));
    }

    @Test
    void rejectsNoSessionsOrMoreThanTen() {
        assertThatThrownBy(() -> CoursePlanner.validate(aCourse().sessions(0).build(), NOW))
                .isInstanceOfSatisfying(InvalidCourseException.class, e -> assertThat(e.field()).isEqualTo("sessions"));
        assertThatThrownBy(() -> CoursePlanner.validate(aCourse().sessions(11).build(), NOW))
                .isInstanceOfSatisfying(InvalidCourseException.class, e -> assertThat(e.field()).isEqualTo("sessions"));
    }

    @Test
    void rejectsStartsTogetherWithPlanningPreferences() {
        var request = aCourse().startingAt(local("2026-03-04", "10:00")).at("10:00").build();

        assertThatThrownBy(() -> CoursePlanner.validate(request, NOW))
                .isInstanceOfSatisfying(InvalidCourseException.class, e -> assertThat(e.field()).isEqualTo("starts"));
    }

    @Test
    void rejectsAFirstStartInThePastOrOffTheGrid() {
        assertThatThrownBy(() -> CoursePlanner.validate(aCourse().from(local("2026-02-25", "10:00")).build(), NOW))
                .isInstanceOf(InvalidCourseException.class).hasMessageContaining("past");
        assertThatThrownBy(() -> CoursePlanner.validate(aCourse().from(local("2026-03-04", "10:03")).build(), NOW))
                .isInstanceOf(InvalidCourseException.class).hasMessageContaining("grid");
    }

    @Test
    void rejectsExplicitStartsOutOfOrder() {
        var request = aCourse().startingAt(local("2026-03-18", "10:00"), local("2026-03-04", "10:00")).build();

        assertThatThrownBy(() -> CoursePlanner.validate(request, NOW))
                .isInstanceOfSatisfying(InvalidCourseException.class,
                        e -> assertThat(e.field()).isEqualTo("starts[1]"));
    }
}
