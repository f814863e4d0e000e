package com.clinicbackbone.booking.appointment;

import static com.clinicbackbone.booking.appointment.AppointmentFixture.NOW;
import static com.clinicbackbone.booking.appointment.AppointmentFixture.anAppointment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.clinicbackbone.booking.clinic.DemoCatalog;
import com.clinicbackbone.events.AppointmentCancelled;
import com.clinicbackbone.events.AppointmentCheckedIn;
import com.clinicbackbone.events.AppointmentCompleted;
import com.clinicbackbone.events.AppointmentConfirmed;
import com.clinicbackbone.events.AppointmentNoShow;
import com.clinicbackbone.events.AppointmentRescheduled;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The appointment's state machine: which change is possible in which status, and what each one records. */
class AppointmentLifecycleTest {

    static final Duration WINDOW = Duration.ofHours(24);
    static final Instant START = Instant.parse("2026-03-02T16:00:00Z");
    static final Instant END = Instant.parse("2026-03-02T16:30:00Z");
    static final Instant AFTER_START = START.plus(Duration.ofMinutes(10));

    /** A fresh appointment driven along legal changes into the status, with its events cleared. */
    static Appointment in(AppointmentStatus status) {
        Appointment appointment = anAppointment().id("apt-1").book();
        switch (status) {
            case BOOKED -> { }
            case CONFIRMED -> appointment.confirm();
            case CHECKED_IN -> appointment.checkIn();
            case COMPLETED -> {
                appointment.checkIn();
                appointment.complete();
            }
            case CANCELLED -> appointment.cancel(null, Party.CLINIC, WINDOW, NOW);
            case NO_SHOW -> appointment.markNoShow(AFTER_START);
        }
        appointment.clearEvents();
        return appointment;
    }

    /** Every change tried in every status; "-" where it is impossible (409). */
    @ParameterizedTest(name = "{0} --{1}--> {2}")
    @CsvSource({
            "BOOKED, confirm, CONFIRMED",
            "BOOKED, checkIn, CHECKED_IN",
            "BOOKED, complete, -",
            "BOOKED, noShow, NO_SHOW",
            "BOOKED, cancel, CANCELLED",
            "BOOKED, reschedule, BOOKED",
            "CONFIRMED, confirm, -",
            "CONFIRMED, checkIn, CHECKED_IN",
            "CONFIRMED, complete, -",
            "CONFIRMED, noShow, NO_SHOW",
            "CONFIRMED, cancel, CANCELLED",
            "CONFIRMED, reschedule, BOOKED",
            "CHECKED_IN, confirm, -",
            "CHECKED_IN, checkIn, -",
            "CHECKED_IN, complete, COMPLETED",
            "CHECKED_IN, noShow, -",
            "CHECKED_IN, cancel, -",
            "CHECKED_IN, reschedule, -",
            "COMPLETED, confirm, -",
            "COMPLETED, checkIn, -",
            "COMPLETED, complete, -",
            "COMPLETED, noShow, -",
            "COMPLETED, cancel, -",
            "COMPLETED, reschedule, -",
            "CANCELLED, confirm, -",
            "CANCELLED, checkIn, -",
            "CANCELLED, complete, -",
            "CANCELLED, noShow, -",
            "CANCELLED, cancel, -",
            "CANCELLED, reschedule, -",
            "NO_SHOW, confirm, -",
            "NO_SHOW, checkIn, -",
            "NO_SHOW, complete, -",
            "NO_SHOW, noShow, -",
            "NO_SHOW, cancel, -",
            "NO_SHOW, reschedule, -"})
    void allowsExactlyTheTransitionsOfTheLifecycle(AppointmentStatus from, String change, String to) {
        Appointment appointment = in(from);
        long revision = appointment.revision();
        Runnable attempt = switch (change) {
            case "confirm" -> appointment::confirm;
            case "checkIn" -> appointment::checkIn;
            case "complete" -> appointment::complete;
            case "noShow" -> () -> appointment.markNoShow(AFTER_START);
            case "cancel" -> () -> appointment.cancel(null, Party.CLINIC, WINDOW, NOW);
            case "reschedule" -> () -> appointment.reschedule(START.plus(Duration.ofHours(2)), Party.CLINIC, WINDOW,
                    NOW);
            default -> throw new IllegalArgumentException(change);
        };

        if (to.equals("-")) {
            assertThatThrownBy(attempt::run).isInstanceOfSatisfying(AppointmentStateException.class,
                    e -> assertThat(e.status()).isEqualTo(from));
            assertThat(appointment.status()).isEqualTo(from);
            assertThat(appointment.revision()).isEqualTo(revision);
            assertThat(appointment.events()).isEmpty();
        } else {
            attempt.run();
            assertThat(appointment.status()).isEqualTo(AppointmentStatus.valueOf(to));
            assertThat(appointment.revision()).isEqualTo(revision + 1);
            assertThat(appointment.events()).hasSize(1);
        }
    }

    @ParameterizedTest
    @CsvSource({
            "COMPLETED, checkIn, 'Appointment apt-1: a COMPLETED appointment cannot be checked in'",
            "BOOKED, complete, 'Appointment apt-1: a BOOKED appointment cannot be completed'",
            "CHECKED_IN, cancel, 'Appointment apt-1: a CHECKED_IN appointment cannot be cancelled'",
            "CANCELLED, reschedule, 'Appointment apt-1: a CANCELLED appointment cannot be rescheduled'",
            "NO_SHOW, confirm, 'Appointment apt-1: a NO_SHOW appointment cannot be confirmed'",
            "CONFIRMED, confirm, 'Appointment apt-1 is already confirmed'",
            "CANCELLED, cancel, 'Appointment apt-1 is already cancelled'"})
    void anImpossibleTransitionSaysWhy(AppointmentStatus from, String change, String message) {
        Appointment appointment = in(from);

        assertThatThrownBy(() -> {
            switch (change) {
                case "checkIn" -> appointment.checkIn();
                case "complete" -> appointment.complete();
                case "cancel" -> appointment.cancel(null, Party.CLINIC, WINDOW, NOW);
                case "reschedule" -> appointment.reschedule(START.plusSeconds(3600), Party.CLINIC, WINDOW, NOW);
                case "confirm" -> appointment.confirm();
                default -> throw new IllegalArgumentException(change);
            }
        }).isInstanceOf(AppointmentStateException.class).hasMessage(message);
    }

    @Test
    void eachStepRegistersItsEventWithIdsTimesAndTheNewStatus() {
        Appointment appointment = in(AppointmentStatus.BOOKED);

        appointment.confirm();
        appointment.checkIn();
        appointment.complete();

        assertThat(appointment.revision()).isEqualTo(4);
        assertThat(appointment.events()).containsExactly(
                new AppointmentConfirmed("apt-1", "running-shoe", "physio-follow-up", "maya-chen", "patient-1", START,
                        END, "CONFIRMED"),
                new AppointmentCheckedIn("apt-1", "running-shoe", "physio-follow-up", "maya-chen", "patient-1", START,
                        END, "CHECKED_IN"),
                new AppointmentCompleted("apt-1", "running-shoe", "physio-follow-up", "maya-chen", "patient-1", START,
                        END, "COMPLETED"));
    }

    @Test
    void aNoShowCanOnlyBeMarkedOnceTheAppointmentHasStarted() {
        Appointment appointment = in(AppointmentStatus.CONFIRMED);

        assertThatThrownBy(() -> appointment.markNoShow(START.minusSeconds(1)))
                .isInstanceOf(AppointmentStateException.class).hasMessageContaining("before it has started");
        assertThat(appointment.status()).isEqualTo(AppointmentStatus.CONFIRMED);

        appointment.markNoShow(START);

        assertThat(appointment.status()).isEqualTo(AppointmentStatus.NO_SHOW);
        assertThat(appointment.events()).containsExactly(new AppointmentNoShow("apt-1", "running-shoe",
                "physio-follow-up", "maya-chen", "patient-1", START, END, "NO_SHOW"));
    }

    @Test
    void aCancellationExactlyTheWindowBeforeTheStartIsNotLate() {
        Appointment appointment = in(AppointmentStatus.BOOKED);

        appointment.cancel(null, Party.PATIENT, WINDOW, START.minus(WINDOW));

        assertThat(appointment.late()).isFalse();
        assertThat(appointment.cancelledBy()).isEqualTo(Party.PATIENT);
        assertThat(((AppointmentCancelled) appointment.events().get(0)).late()).isFalse();
    }

    @Test
    void theClinicCancelsInsideTheWindowFlaggedLate() {
        Appointment appointment = in(AppointmentStatus.CONFIRMED);
        Instant late = START.minus(Duration.ofHours(2));

        appointment.cancel("called in sick", Party.CLINIC, WINDOW, late);

        assertThat(appointment.status()).isEqualTo(AppointmentStatus.CANCELLED);
        assertThat(appointment.late()).isTrue();
        assertThat(appointment.cancelledBy()).isEqualTo(Party.CLINIC);
        assertThat(appointment.events()).containsExactly(new AppointmentCancelled("apt-1", "running-shoe",
                "physio-follow-up", "maya-chen", "patient-1", START, END, "CANCELLED", late, true));
    }

    @Test
    void aPatientCannotCancelInsideTheWindowAndIsToldToCallTheClinic() {
        Appointment appointment = in(AppointmentStatus.BOOKED);

        assertThatThrownBy(() -> appointment.cancel(null, Party.PATIENT, WINDOW,
                START.minus(WINDOW).plusSeconds(1)))
                .isInstanceOfSatisfying(LateChangeException.class, e -> assertThat(e.window()).isEqualTo(WINDOW))
                .hasMessageContaining("24 h late-cancellation window").hasMessageContaining("call the clinic");
        assertThat(appointment.status()).isEqualTo(AppointmentStatus.BOOKED);
        assertThat(appointment.revision()).isEqualTo(1);
        assertThat(appointment.late()).isNull();
        assertThat(appointment.events()).isEmpty();
    }

    @Test
    void aCancellationAfterTheStartIsLate() {
        Appointment appointment = in(AppointmentStatus.BOOKED);

        appointment.cancel(null, Party.CLINIC, WINDOW, AFTER_START);

        assertThat(appointment.late()).isTrue();
    }

    @Test
    void rescheduleKeepsTheIdAndLengthAndAsksForANewConfirmation() {
        Appointment appointment = in(AppointmentStatus.CONFIRMED);
        Instant newStart = Instant.parse("2026-03-04T18:15:00Z");

        appointment.reschedule(newStart, Party.PATIENT, WINDOW, NOW);

        assertThat(appointment.id()).isEqualTo("apt-1");
        assertThat(appointment.start()).isEqualTo(newStart);
        assertThat(appointment.end()).isEqualTo(newStart.plus(Duration.ofMinutes(30)));
        assertThat(appointment.status()).isEqualTo(AppointmentStatus.BOOKED);
        assertThat(appointment.revision()).isEqualTo(3);
        assertThat(appointment.events()).containsExactly(new AppointmentRescheduled("apt-1", "running-shoe",
                "physio-follow-up", "maya-chen", "patient-1", newStart, newStart.plus(Duration.ofMinutes(30)),
                "BOOKED", START));
    }

    @ParameterizedTest
    @CsvSource({
            "2026-03-04T18:12:00Z, grid",
            "2026-03-01T11:55:00Z, past",
            "2026-03-02T16:00:00Z, current start"})
    void rescheduleFollowsTheBookingRulesForTheNewStart(String newStart, String said) {
        Appointment appointment = in(AppointmentStatus.BOOKED);

        assertThatThrownBy(() -> appointment.reschedule(Instant.parse(newStart), Party.CLINIC, WINDOW, NOW))
                .isInstanceOfSatisfying(InvalidAppointmentException.class,
                        e -> assertThat(e.field()).isEqualTo("start"))
                .hasMessageContaining(said);
        assertThat(appointment.start()).isEqualTo(START);
        assertThat(appointment.revision()).isEqualTo(1);
    }

    @Test
    void aPatientCannotMoveAnAppointmentInsideTheWindowButTheClinicCan() {
        Appointment appointment = in(AppointmentStatus.BOOKED);
        Instant insideWindow = START.minus(Duration.ofHours(3));
        Instant later = Instant.parse("2026-03-05T16:00:00Z");

        assertThatThrownBy(() -> appointment.reschedule(later, Party.PATIENT, WINDOW, insideWindow))
                .isInstanceOf(LateChangeException.class).hasMessageContaining("call the clinic");
        assertThat(appointment.start()).isEqualTo(START);

        appointment.reschedule(later, Party.CLINIC, WINDOW, insideWindow);

        assertThat(appointment.start()).isEqualTo(later);
    }

    @Test
    void aWalkInStartsNowRoundedDownToTheGridEvenThoughThatIsPast() {
        Instant now = Instant.parse("2026-03-01T12:03:20Z");

        Appointment walkIn = Appointment.walkIn("apt-w", DemoCatalog.SERVICES.get(1), DemoCatalog.PRACTITIONERS.get(0),
                "patient-1", now);

        assertThat(walkIn.start()).isEqualTo(Instant.parse("2026-03-01T12:00:00Z"));
        assertThat(walkIn.end()).isEqualTo(Instant.parse("2026-03-01T12:30:00Z"));
        assertThat(walkIn.walkIn()).isTrue();
        assertThat(walkIn.status()).isEqualTo(AppointmentStatus.BOOKED);
        assertThat(anAppointment().book().walkIn()).isFalse();
    }
}
