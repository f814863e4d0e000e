package com.clinicbackbone.booking.appointment;

import static com.clinicbackbone.booking.appointment.AppointmentFixture.anAppointment;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class CalendarBucketsTest {

    @Test
    void coversEveryFiveMinuteBucketOfTheAppointment() {
        assertThat(CalendarBuckets.covering(Instant.parse("2026-03-02T16:00:00Z"),
                Instant.parse("2026-03-02T16:30:00Z"))).extracting(Instant::toString).containsExactly(
                "2026-03-02T16:00:00Z", "2026-03-02T16:05:00Z", "2026-03-02T16:10:00Z",
                "2026-03-02T16:15:00Z", "2026-03-02T16:20:00Z", "2026-03-02T16:25:00Z");
    }

    @Test
    void anAppointmentCrossingMidnightUtcClaimsBucketsOfBothDays() {
        // 16:45 in Calgary (MST) is 23:45 UTC: a 45-minute prolotherapy session (and its 15 minutes after) ends on
        // the next UTC day
        Appointment appointment = anAppointment().at("running-shoe", "prolotherapy").with("liam-okafor")
                .startingAt("2026-03-02T23:45:00Z").book();

        assertThat(CalendarBuckets.covering(appointment.calendarStart(), appointment.calendarEnd()))
                .extracting(Instant::toString).containsExactly(
                "2026-03-02T23:45:00Z", "2026-03-02T23:50:00Z", "2026-03-02T23:55:00Z",
                "2026-03-03T00:00:00Z", "2026-03-03T00:05:00Z", "2026-03-03T00:10:00Z",
                "2026-03-03T00:15:00Z", "2026-03-03T00:20:00Z", "2026-03-03T00:25:00Z",
                "2026-03-03T00:30:00Z", "2026-03-03T00:35:00Z", "2026-03-03T00:40:00Z");
    }

    @Test
    void adjacentAppointmentsShareNoBucketAndOverlappingOnesDo() {
        var first = buckets(anAppointment().startingAt("2026-03-02T16:00:00Z").book());
        var adjacent = buckets(anAppointment().startingAt("2026-03-02T16:30:00Z").book());
        var overlapping = buckets(anAppointment().startingAt("2026-03-02T16:25:00Z").book());

        assertThat(first).doesNotContainAnyElementsOf(adjacent);
        assertThat(first).containsAnyElementsOf(overlapping);
    }

    @Test
    void aBucketTouchedByAnUnalignedIntervalIsCovered() {
        assertThat(CalendarBuckets.covering(Instant.parse("2026-03-02T16:03:00Z"),
                Instant.parse("2026-03-02T16:06:00Z"))).extracting(Instant::toString)
                .containsExactly("2026-03-02T16:00:00Z", "2026-03-02T16:05:00Z");
    }

    @Test
    void theGridHoldsOnlyWholeFiveMinuteInstants() {
        assertThat(CalendarBuckets.isOnGrid(Instant.parse("2026-03-02T16:05:00Z"))).isTrue();
        assertThat(CalendarBuckets.isOnGrid(Instant.parse("2026-03-02T16:04:00Z"))).isFalse();
        assertThat(CalendarBuckets.isOnGrid(Instant.parse("2026-03-02T16:05:00.5Z"))).isFalse();
    }

    private static java.util.List<Instant> buckets(Appointment appointment) {
        return CalendarBuckets.covering(appointment.calendarStart(), appointment.calendarEnd());
    }
}
