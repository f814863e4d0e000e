package com.clinicbackbone.booking.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.clinicbackbone.booking.appointment.Appointment;
import com.clinicbackbone.booking.appointment.AppointmentStatus;
import com.clinicbackbone.booking.appointment.InMemoryAppointments;
import com.clinicbackbone.booking.appointment.InMemoryCalendar;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BookingHistoryTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-12-07T18:00:00Z"), ZoneOffset.UTC);
    private final InMemoryAppointments appointments = new InMemoryAppointments();
    private final InMemoryCalendar calendar = new InMemoryCalendar();
    private final BookingHistory history = new BookingHistory(appointments, calendar, clock);

    @Test
    void storesEveryAppointmentFinishedWithoutEventsAndClaimsTheTimeOfThoseNotCancelled() {
        history.store(2500);

        List<Appointment> stored = appointments.findAll(IntStream.range(0, 2500).mapToObj(i -> "history-" + i)
                .toList());
        assertThat(stored).hasSize(2500).allSatisfy(appointment -> {
            assertThat(appointment.end()).isBefore(clock.instant());
            assertThat(appointment.status()).isIn(AppointmentStatus.COMPLETED, AppointmentStatus.CANCELLED,
                    AppointmentStatus.NO_SHOW);
        });
        assertThat(appointments.published()).isEmpty();
        long cancelled = stored.stream().filter(it -> it.status() == AppointmentStatus.CANCELLED).count();
        assertThat(cancelled).isEqualTo(250);
        assertThat(calendar.claims().values()).doesNotContainAnyElementsOf(stored.stream()
                .filter(it -> it.status() == AppointmentStatus.CANCELLED).map(Appointment::id).toList())
                .containsAll(stored.stream().filter(it -> it.status() != AppointmentStatus.CANCELLED)
                        .map(Appointment::id).toList());
    }

    @Test
    void aHundredThousandFitInThePastYearWithEnoughPractitioners() {
        Appointment first = history.appointment(0, 100_000);
        Appointment last = history.appointment(99_999, 100_000);

        assertThat(first.start()).isAfter(clock.instant().minus(Duration.ofDays(366)));
        assertThat(last.end()).isBefore(clock.instant());
        assertThat(BookingHistory.owners(100_000)).isEqualTo(35);
    }
}
