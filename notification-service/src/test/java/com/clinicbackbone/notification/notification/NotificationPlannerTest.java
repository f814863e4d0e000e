package com.clinicbackbone.notification.notification;

import static com.clinicbackbone.notification.notification.AppointmentFixture.anAppointment;
import static org.assertj.core.api.Assertions.assertThat;

import com.clinicbackbone.notification.appointment.AppointmentStatus;
import com.clinicbackbone.notification.clinic.Clinic;
import com.clinicbackbone.notification.clinic.Clinics;
import com.clinicbackbone.notification.contact.Channel;
import com.clinicbackbone.notification.notification.InMemoryStores.InMemoryAppointments;
import com.clinicbackbone.notification.notification.InMemoryStores.InMemoryNotifications;
import com.clinicbackbone.notification.notification.InMemoryStores.InMemoryPatientRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class NotificationPlannerTest {

    static final Instant NOW = Instant.parse("2026-07-10T12:00:00Z");
    static final Instant START = Instant.parse("2026-07-15T15:30:00Z");

    final MutableClock clock = new MutableClock(NOW);
    final InMemoryAppointments appointments = new InMemoryAppointments();
    final InMemoryNotifications notifications = new InMemoryNotifications();
    final InMemoryPatientRegistry patients = new InMemoryPatientRegistry();
    final Clinics clinics = new Clinics(List.of(
            Clinic.withDefaults("calgary-concussion", "Calgary Concussion Centre", null, "CC Clinic",
                    Duration.ofHours(48))));
    final NotificationPlanner planner = new NotificationPlanner(appointments, notifications, clinics,
            patients, clock);

    @Test
    void bookingSchedulesConfirmationsNowAndRemindersTwentyFourHoursBeforeByDefault() {
        assertThat(planner.booked(anAppointment().startingAt(START).build())).isTrue();

        for (Channel channel : Channel.values()) {
            Notification confirmation = notifications.get("apt-1:CONFIRMATION:" + channel);
            assertThat(confirmation.status()).isEqualTo(NotificationStatus.SCHEDULED);
            assertThat(confirmation.dueAt()).isEqualTo(NOW);
            Notification reminder = notifications.get("apt-1:REMINDER:" + channel);
            assertThat(reminder.status()).isEqualTo(NotificationStatus.SCHEDULED);
            assertThat(reminder.dueAt()).isEqualTo(START.minus(Duration.ofHours(24)));
            assertThat(reminder.channel()).isEqualTo(channel);
        }
        assertThat(notifications.byId).hasSize(4);
    }

    @Test
    void reminderDueTimeFollowsTheClinicsConfiguredOffset() {
        planner.booked(anAppointment().clinic("calgary-concussion").startingAt(START).build());

        assertThat(notifications.get("apt-1:REMINDER:SMS").dueAt()).isEqualTo(START.minus(Duration.ofHours(48)));
    }

    @Test
    void reminderWhoseTimeHasAlreadyPassedIsStoredSkippedWithAReason() {
        planner.booked(anAppointment().startingAt(NOW.plus(Duration.ofHours(3))).build());

        Notification reminder = notifications.get("apt-1:REMINDER:EMAIL");
        assertThat(reminder.status()).isEqualTo(NotificationStatus.SKIPPED);
        assertThat(reminder.reason()).isEqualTo(NotificationPlanner.REMINDER_TOO_LATE);
        assertThat(notifications.get("apt-1:CONFIRMATION:EMAIL").status()).isEqualTo(NotificationStatus.SCHEDULED);
    }

    @Test
    void cancellationCancelsPendingRemindersAndSchedulesCancellationNotices() {
        planner.booked(anAppointment().startingAt(START).build());
        clock.advance(Duration.ofHours(1));

        assertThat(planner.cancelled(anAppointment().startingAt(START).cancelled().revision(2).build())).isTrue();

        for (Channel channel : Channel.values()) {
            Notification reminder = notifications.get("apt-1:REMINDER:" + channel);
            assertThat(reminder.status()).isEqualTo(NotificationStatus.CANCELLED);
            assertThat(reminder.reason()).isEqualTo("appointment cancelled");
            Notification notice = notifications.get("apt-1:CANCELLATION:" + channel);
            assertThat(notice.status()).isEqualTo(NotificationStatus.SCHEDULED);
            assertThat(notice.dueAt()).isEqualTo(NOW.plus(Duration.ofHours(1)));
        }
        assertThat(appointments.byId.get("apt-1").status()).isEqualTo(AppointmentStatus.CANCELLED);
    }

    @Test
    void olderBookingArrivingAfterTheCancellationChangesNothing() {
        planner.cancelled(anAppointment().startingAt(START).cancelled().revision(2).build());

        assertThat(planner.booked(anAppointment().startingAt(START).revision(1).build())).isFalse();

        assertThat(appointments.byId.get("apt-1").status()).isEqualTo(AppointmentStatus.CANCELLED);
        assertThat(notifications.byId.keySet())
                .containsExactlyInAnyOrder("apt-1:CANCELLATION:EMAIL", "apt-1:CANCELLATION:SMS");
    }

    @Test
    void redeliveredBookingCreatesNothingTwice() {
        planner.booked(anAppointment().startingAt(START).build());
        var first = List.copyOf(notifications.byId.values());
        clock.advance(Duration.ofMinutes(5));

        assertThat(planner.booked(anAppointment().startingAt(START).build())).isTrue();

        assertThat(notifications.byId.values()).containsExactlyInAnyOrderElementsOf(first);
    }
}
