package com.clinicbackbone.booking.appointment;

import static com.clinicbackbone.booking.appointment.AppointmentFixture.NOW;
import static com.clinicbackbone.booking.appointment.AppointmentFixture.anAppointment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.clinicbackbone.events.AppointmentBooked;
import com.clinicbackbone.events.AppointmentCancelled;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AppointmentTest {

    static final Duration WINDOW = Duration.ofHours(24);

    @Test
    void endsAfterTheServiceDurationAtRevisionOne() {
        Appointment appointment = anAppointment().at("calgary-concussion", "concussion-baseline")
                .startingAt("2026-03-02T16:00:00Z").book();

        assertThat(appointment.end()).isEqualTo(Instant.parse("2026-03-02T17:30:00Z"));
        assertThat(appointment.status()).isEqualTo(AppointmentStatus.BOOKED);
        assertThat(appointment.revision()).isEqualTo(1);
        assertThat(appointment.createdAt()).isEqualTo(NOW);
    }

    @Test
    void registersAppointmentBookedWithIdsAndTimes() {
        Appointment appointment = anAppointment().id("apt-9").book();

        assertThat(appointment.events()).containsExactly(new AppointmentBooked("apt-9", "running-shoe",
                "physio-follow-up", "maya-chen", "patient-1", Instant.parse("2026-03-02T16:00:00Z"),
                Instant.parse("2026-03-02T16:30:00Z"), "BOOKED"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-03-02T16:03:00Z", "2026-03-02T16:05:30Z", "2026-03-02T16:05:00.001Z"})
    void rejectsStartOffTheFiveMinuteGrid(String start) {
        assertThatThrownBy(() -> anAppointment().startingAt(start).book())
                .isInstanceOfSatisfying(InvalidAppointmentException.class,
                        e -> assertThat(e.field()).isEqualTo("start"));
    }

    @Test
    void rejectsStartInThePast() {
        assertThatThrownBy(() -> anAppointment().startingAt("2026-03-01T11:55:00Z").book())
                .isInstanceOfSatisfying(InvalidAppointmentException.class,
                        e -> assertThat(e.getMessage()).contains("past"));
    }

    @Test
    void acceptsAStartThatIsNow() {
        assertThat(anAppointment().startingAt("2026-03-01T12:00:00Z").book().start()).isEqualTo(NOW);
    }

    @Test
    void rejectsAPractitionerWhoDoesNotWorkAtTheClinic() {
        assertThatThrownBy(() -> anAppointment().at("calgary-concussion", "concussion-follow-up")
                .with("sofia-ramirez").book())
                .isInstanceOfSatisfying(UnknownReferenceException.class,
                        e -> assertThat(e.field()).isEqualTo("practitionerId"));
    }

    @Test
    void cancelRaisesTheRevisionAndRegistersAppointmentCancelledWithoutTheReason() {
        Appointment appointment = anAppointment().id("apt-1").book();
        appointment.clearEvents();
        Instant later = NOW.plusSeconds(60).plusNanos(123_456_789);

        appointment.cancel("  knee surgery moved  ", Party.CLINIC, WINDOW, later);

        Instant cancelledAt = Instant.parse("2026-03-01T12:01:00.123Z");
        assertThat(appointment.status()).isEqualTo(AppointmentStatus.CANCELLED);
        assertThat(appointment.revision()).isEqualTo(2);
        assertThat(appointment.cancelledAt()).isEqualTo(cancelledAt);
        assertThat(appointment.cancellationReason()).isEqualTo("knee surgery moved");
        assertThat(appointment.events()).containsExactly(new AppointmentCancelled("apt-1", "running-shoe",
                "physio-follow-up", "maya-chen", "patient-1", Instant.parse("2026-03-02T16:00:00Z"),
                Instant.parse("2026-03-02T16:30:00Z"), "CANCELLED", cancelledAt, false));
        assertThat(appointment.events().get(0).toString()).doesNotContain("knee");
    }

    @Test
    void keepsNoBlankReason() {
        Appointment appointment = anAppointment().book();

        appointment.cancel("   ", Party.CLINIC, WINDOW, NOW);

        assertThat(appointment.cancellationReason()).isNull();
    }

    @Test
    void rejectsCancellingACancelledAppointment() {
        Appointment appointment = anAppointment().book();
        appointment.cancel(null, Party.CLINIC, WINDOW, NOW);
        appointment.clearEvents();

        assertThatThrownBy(() -> appointment.cancel("again", Party.CLINIC, WINDOW, NOW.plusSeconds(5)))
                .isInstanceOf(AppointmentStateException.class).hasMessageContaining("already cancelled");
        assertThat(appointment.revision()).isEqualTo(2);
        assertThat(appointment.cancelledAt()).isEqualTo(NOW);
        assertThat(appointment.events()).isEmpty();
    }

    @Test
    void rejectsAReasonLongerThan500Characters() {
        Appointment appointment = anAppointment().book();

        assertThatThrownBy(() -> appointment.cancel("x".repeat(501), Party.CLINIC, WINDOW, NOW))
                .isInstanceOfSatisfying(InvalidAppointmentException.class,
                        e -> assertThat(e.field()).isEqualTo("reason"));
        assertThat(appointment.status()).isEqualTo(AppointmentStatus.BOOKED);
        assertThat(appointment.revision()).isEqualTo(1);
    }

    @Test
    void erasingPersonalDataDropsTheReasonAndKeepsTheFacts() {
        Appointment appointment = anAppointment().book();
        appointment.cancel("concussion after a fall", Party.CLINIC, WINDOW, NOW);
        appointment.clearEvents();

        assertThat(appointment.erasePersonalData()).isTrue();

        assertThat(appointment.cancellationReason()).isNull();
        assertThat(appointment.status()).isEqualTo(AppointmentStatus.CANCELLED);
        assertThat(appointment.patientId()).isEqualTo("patient-1");
        assertThat(appointment.revision()).isEqualTo(2);
        assertThat(appointment.events()).isEmpty();
        assertThat(appointment.erasePersonalData()).isFalse();
    }
}
