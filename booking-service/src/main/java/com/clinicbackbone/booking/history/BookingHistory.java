package com.clinicbackbone.booking.history;

import com.clinicbackbone.booking.appointment.Appointment;
import com.clinicbackbone.booking.appointment.AppointmentStatus;
import com.clinicbackbone.booking.appointment.Appointments;
import com.clinicbackbone.booking.appointment.PractitionerCalendar;
import com.clinicbackbone.booking.appointment.PractitionerCalendar.Claim;
import com.clinicbackbone.booking.appointment.PractitionerCalendar.Span;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

/**
 * A year of past appointments at running-shoe, as the service would have stored them, in batches of
 * {@value #BATCH} ({@value #WRITERS} at once): each batch is one {@link Appointments#addAll} and one read and one
 * claim of its calendar days.
 * Appointments are back to back from 08:00 clinic time, one owner after the other, each day of the past year that
 * ends yesterday: 60 minutes of massage with sofia-ramirez, 30 minutes of physio with maya-chen and with as many
 * further practitioners ({@code history-practitioner-<n>}) as it takes for N appointments in a year. Of every 20:
 * 17 completed, 2 cancelled (their claims released, so none stored), 1 no-show. Patients
 * {@code history-patient-<n>} come about five times each. Ids: {@code history-<n>}, so the other services' history
 * (notification-service) can name the same appointments.
 */
final class BookingHistory {

    static final int BATCH = 1000;
    /** Batches written at once (two that share a calendar day settle it by the store's compare-and-set). */
    static final int WRITERS = 4;
    static final String CLINIC = "running-shoe";
    static final ZoneId ZONE = ZoneId.of("America/Edmonton");
    private static final int PER_OWNER_DAY = 8;

    private final Appointments appointments;
    private final PractitionerCalendar calendar;
    private final Clock clock;

    BookingHistory(Appointments appointments, PractitionerCalendar calendar, Clock clock) {
        this.appointments = appointments;
        this.calendar = calendar;
        this.clock = clock;
    }

    void store(int count) {
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        try {
            List<Future<?>> batches = new ArrayList<>();
            for (int from = 0; from < count; from += BATCH) {
                int first = from;
                batches.add(writers.submit(() -> write(IntStream.range(first, Math.min(count, first + BATCH))
                        .mapToObj(i -> appointment(i, count)).toList())));
            }
            for (Future<?> batch : batches) {
                batch.get();
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            writers.shutdownNow();
        }
    }

    private void write(List<Appointment> batch) {
        appointments.addAll(batch);
        List<Claim> claims = new ArrayList<>();
        List<Span> spans = new ArrayList<>();
        for (Appointment appointment : batch) {
            if (appointment.status() == AppointmentStatus.CANCELLED) {
                continue;
            }
            for (String owner : appointment.calendarOwners()) {
                claims.add(new Claim(owner, appointment.calendarStart(), appointment.calendarEnd(), appointment.id(),
                        1));
                spans.add(new Span(owner, appointment.calendarStart(), appointment.calendarEnd()));
            }
        }
        if (!claims.isEmpty()) {
            calendar.claim(calendar.read(spans), claims).ifPresent(conflict -> {
                throw new IllegalStateException("history overlaps itself: " + conflict);
            });
        }
    }

    /** The i-th of {@code count} appointments: day after day, owner after owner, slot after slot. */
    Appointment appointment(int i, int count) {
        int owners = owners(count);
        int day = i / (owners * PER_OWNER_DAY);
        int owner = i / PER_OWNER_DAY % owners;
        int slot = i % PER_OWNER_DAY;
        int days = (count + owners * PER_OWNER_DAY - 1) / (owners * PER_OWNER_DAY);
        LocalDate date = LocalDate.now(clock.withZone(ZONE)).minusDays(days - day);
        String practitioner = owner == 0 ? "sofia-ramirez" : owner == 1 ? "maya-chen"
                : "history-practitioner-" + (owner - 1);
        boolean massage = owner == 0;
        Duration length = Duration.ofMinutes(massage ? 60 : 30);
        Instant start = date.atTime(LocalTime.of(8, 0)).atZone(ZONE).toInstant().plus(length.multipliedBy(slot));
        AppointmentStatus status = switch (i % 20) {
            case 5, 15 -> AppointmentStatus.CANCELLED;
            case 10 -> AppointmentStatus.NO_SHOW;
            default -> AppointmentStatus.COMPLETED;
        };
        Instant createdAt = start.minus(Duration.ofDays(7));
        return Appointment.restore("history-" + i, CLINIC, massage ? "massage-60" : "physio-follow-up", practitioner,
                "history-patient-" + (i % Math.max(1, count / 5)), start, start.plus(length), createdAt, false,
                status, 2, status == AppointmentStatus.CANCELLED ? start.minus(Duration.ofDays(1)) : null, null, null,
                status == AppointmentStatus.CANCELLED ? Boolean.FALSE : null);
    }

    /** Practitioners needed for {@code count} appointments in 365 days at {@value #PER_OWNER_DAY} a day each. */
    static int owners(int count) {
        return Math.max(2, (count + 365 * PER_OWNER_DAY - 1) / (365 * PER_OWNER_DAY));
    }
}
