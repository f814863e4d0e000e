package com.clinicbackbone.notification.notification;

import static com.clinicbackbone.notification.notification.AppointmentFixture.anAppointment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.clinicbackbone.notification.appointment.AppointmentStatus;
import com.clinicbackbone.notification.clinic.Clinic;
import com.clinicbackbone.notification.clinic.Clinics;
import com.clinicbackbone.notification.contact.Channel;
import com.clinicbackbone.notification.policy.ReminderPolicy;
import com.clinicbackbone.notification.notification.InMemoryStores.InMemoryAppointments;
import com.clinicbackbone.notification.notification.InMemoryStores.InMemoryNotifications;
import com.clinicbackbone.notification.notification.InMemoryStores.InMemoryPatientRegistry;
import com.clinicbackbone.notification.notification.InMemoryStores.InMemoryReminderPolicies;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NotificationPlannerTest {

    static final Instant NOW = Instant.parse("2026-07-10T12:00:00Z");
    static final Instant START = Instant.parse("2026-07-15T15:30:00Z");
    static final Instant NEW_START = Instant.parse("2026-07-17T18:00:00Z");
    static final Instant THIRD_START = Instant.parse("2026-07-20T16:00:00Z");
    static final Duration DEFAULT_OFFSET = Duration.ofHours(24);

    final MutableClock clock = new MutableClock(NOW);
    final InMemoryAppointments appointments = new InMemoryAppointments();
    final InMemoryNotifications notifications = new InMemoryNotifications();
    final InMemoryPatientRegistry patients = new InMemoryPatientRegistry();
    final InMemoryReminderPolicies policies = new InMemoryReminderPolicies();
    final Clinics clinics = new Clinics(List.of(
            Clinic.withDefaults("calgary-concussion", "Calgary Concussion Centre", null, "CC Clinic")));

    {
        policies.save("calgary-concussion", InMemoryReminderPolicies.bothChannels(Duration.ofHours(48)));
    }
    final NotificationPlanner planner = new NotificationPlanner(appointments, notifications, clinics, policies,
            patients, clock);

    @Test
    void bookingSchedulesConfirmationsNowAndRemindersTwentyFourHoursBeforeByDefault() {
        assertThat(planner.booked(anAppointment().startingAt(START).build())).isTrue();

        for (Channel channel : Channel.values()) {
            Notification confirmation = notifications.get("apt-1:CONFIRMATION:" + channel);
            assertThat(confirmation.status()).isEqualTo(NotificationStatus.SCHEDULED);
            assertThat(confirmation.dueAt()).isEqualTo(NOW);
            Notification reminder = notifications.get("apt-1:REMINDER:" + channel + ":PT24H");
            assertThat(reminder.status()).isEqualTo(NotificationStatus.SCHEDULED);
            assertThat(reminder.dueAt()).isEqualTo(START.minus(Duration.ofHours(24)));
            assertThat(reminder.channel()).isEqualTo(channel);
        }
        assertThat(notifications.byId).hasSize(4);
    }

    @Test
    void reminderDueTimeFollowsTheClinicsConfiguredOffset() {
        planner.booked(anAppointment().clinic("calgary-concussion").startingAt(START).build());

        assertThat(notifications.get("apt-1:REMINDER:SMS:PT48H").dueAt()).isEqualTo(START.minus(Duration.ofHours(48)));
    }

    @Test
    void reminderWhoseTimeHasAlreadyPassedIsStoredSkippedWithAReason() {
        planner.booked(anAppointment().startingAt(NOW.plus(Duration.ofHours(3))).build());

        Notification reminder = notifications.get("apt-1:REMINDER:EMAIL:PT24H");
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
            Notification reminder = notifications.get("apt-1:REMINDER:" + channel + ":PT24H");
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

    @Test
    void moveCancelsTheOldRemindersPlansNewOnesForTheNewStartAndSchedulesChangeNotices() {
        planner.booked(anAppointment().startingAt(START).build());
        clock.advance(Duration.ofHours(2));

        assertThat(planner.rescheduled(anAppointment().startingAt(NEW_START).revision(2).build())).isTrue();

        for (Channel channel : Channel.values()) {
            Notification old = notifications.get("apt-1:REMINDER:" + channel + ":PT24H");
            assertThat(old.status()).isEqualTo(NotificationStatus.CANCELLED);
            assertThat(old.reason()).isEqualTo("appointment moved");
            Notification reminder = notifications.get("apt-1:REMINDER:" + channel + ":PT24H:r2");
            assertThat(reminder.status()).isEqualTo(NotificationStatus.SCHEDULED);
            assertThat(reminder.dueAt()).isEqualTo(NEW_START.minus(DEFAULT_OFFSET));
            assertThat(reminder.appointmentStart()).isEqualTo(NEW_START);
            assertThat(reminder.appointmentRevision()).isEqualTo(2);
            Notification change = notifications.get("apt-1:CHANGE:" + channel + ":r2");
            assertThat(change.kind()).isEqualTo(NotificationKind.CHANGE);
            assertThat(change.status()).isEqualTo(NotificationStatus.SCHEDULED);
            assertThat(change.dueAt()).isEqualTo(NOW.plus(Duration.ofHours(2)));
            assertThat(change.appointmentStart()).isEqualTo(NEW_START);
            assertThat(notifications.get("apt-1:CONFIRMATION:" + channel).status())
                    .isEqualTo(NotificationStatus.SCHEDULED);
        }
        assertThat(notifications.byId).hasSize(8);
        assertThat(appointments.byId.get("apt-1")).satisfies(a -> {
            assertThat(a.start()).isEqualTo(NEW_START);
            assertThat(a.revision()).isEqualTo(2);
            assertThat(a.status()).isEqualTo(AppointmentStatus.BOOKED);
        });
    }

    @Test
    void newReminderFollowsTheClinicsOffsetAfterAMove() {
        planner.booked(anAppointment().clinic("calgary-concussion").startingAt(START).build());

        planner.rescheduled(anAppointment().clinic("calgary-concussion").startingAt(NEW_START).revision(2).build());

        assertThat(notifications.get("apt-1:REMINDER:SMS:PT48H:r2").dueAt())
                .isEqualTo(NEW_START.minus(Duration.ofHours(48)));
    }

    @Test
    void redeliveredMoveChangesNothing() {
        planner.booked(anAppointment().startingAt(START).build());
        planner.rescheduled(anAppointment().startingAt(NEW_START).revision(2).build());
        var first = List.copyOf(notifications.byId.values());
        clock.advance(Duration.ofMinutes(5));

        assertThat(planner.rescheduled(anAppointment().startingAt(NEW_START).revision(2).build())).isTrue();

        assertThat(notifications.byId.values()).containsExactlyInAnyOrderElementsOf(first);
    }

    @Test
    void olderEventsArrivingAfterANewerOneChangeNothing() {
        planner.booked(anAppointment().startingAt(START).build());
        planner.rescheduled(anAppointment().startingAt(NEW_START).revision(2).build());
        planner.statusChanged(anAppointment().startingAt(NEW_START).status(AppointmentStatus.CONFIRMED).revision(3)
                .build());
        var before = List.copyOf(notifications.byId.values());

        assertThat(planner.rescheduled(anAppointment().startingAt(NEW_START).revision(2).build())).isFalse();
        assertThat(planner.rescheduled(anAppointment().startingAt(THIRD_START).revision(2).build())).isFalse();
        assertThat(planner.booked(anAppointment().startingAt(START).revision(1).build())).isFalse();

        assertThat(notifications.byId.values()).containsExactlyInAnyOrderElementsOf(before);
        assertThat(appointments.byId.get("apt-1")).satisfies(a -> {
            assertThat(a.start()).isEqualTo(NEW_START);
            assertThat(a.status()).isEqualTo(AppointmentStatus.CONFIRMED);
            assertThat(a.revision()).isEqualTo(3);
        });
    }

    @Test
    void moveArrivingBeforeTheBookingLeavesTheBookingWithoutEffect() {
        planner.rescheduled(anAppointment().startingAt(NEW_START).revision(2).build());

        assertThat(planner.booked(anAppointment().startingAt(START).revision(1).build())).isFalse();

        assertThat(notifications.byId.keySet()).containsExactlyInAnyOrder("apt-1:REMINDER:EMAIL:PT24H:r2",
                "apt-1:REMINDER:SMS:PT24H:r2", "apt-1:CHANGE:EMAIL:r2", "apt-1:CHANGE:SMS:r2");
    }

    @Test
    void secondMoveCancelsWhatTheFirstMovePlannedAndLeavesOneLiveReminderPerChannel() {
        planner.booked(anAppointment().startingAt(START).build());
        planner.rescheduled(anAppointment().startingAt(NEW_START).revision(2).build());

        planner.rescheduled(anAppointment().startingAt(THIRD_START).revision(3).build());

        Notification firstMove = notifications.get("apt-1:REMINDER:EMAIL:PT24H:r2");
        assertThat(firstMove.status()).isEqualTo(NotificationStatus.CANCELLED);
        assertThat(firstMove.reason()).isEqualTo("appointment moved");
        Notification unsentChange = notifications.get("apt-1:CHANGE:EMAIL:r2");
        assertThat(unsentChange.status()).isEqualTo(NotificationStatus.CANCELLED);
        assertThat(unsentChange.reason()).isEqualTo("appointment moved again");
        assertThat(notifications.get("apt-1:CHANGE:EMAIL:r3").status()).isEqualTo(NotificationStatus.SCHEDULED);
        assertThat(notifications.byId.values())
                .filteredOn(n -> n.kind() == NotificationKind.REMINDER && n.status() == NotificationStatus.SCHEDULED)
                .extracting(Notification::id, Notification::dueAt)
                .containsExactlyInAnyOrder(
                        tuple("apt-1:REMINDER:EMAIL:PT24H:r3", THIRD_START.minus(DEFAULT_OFFSET)),
                        tuple("apt-1:REMINDER:SMS:PT24H:r3", THIRD_START.minus(DEFAULT_OFFSET)));
    }

    @Test
    void movingBackToTheFormerTimePlansFreshRemindersAndKeepsTheOldOnesCancelled() {
        planner.booked(anAppointment().startingAt(START).build());
        planner.rescheduled(anAppointment().startingAt(NEW_START).revision(2).build());

        planner.rescheduled(anAppointment().startingAt(START).revision(3).build());

        assertThat(notifications.get("apt-1:REMINDER:SMS:PT24H").status()).isEqualTo(NotificationStatus.CANCELLED);
        assertThat(notifications.get("apt-1:REMINDER:SMS:PT24H:r2").status()).isEqualTo(NotificationStatus.CANCELLED);
        assertThat(notifications.get("apt-1:REMINDER:SMS:PT24H:r3").status()).isEqualTo(NotificationStatus.SCHEDULED);
        assertThat(notifications.get("apt-1:REMINDER:SMS:PT24H:r3").dueAt()).isEqualTo(START.minus(DEFAULT_OFFSET));
    }

    @Test
    void moveToAStartCloserThanTheReminderOffsetStoresTheNewReminderSkipped() {
        planner.booked(anAppointment().startingAt(START).build());

        planner.rescheduled(anAppointment().startingAt(NOW.plus(Duration.ofHours(3))).revision(2).build());

        Notification reminder = notifications.get("apt-1:REMINDER:EMAIL:PT24H:r2");
        assertThat(reminder.status()).isEqualTo(NotificationStatus.SKIPPED);
        assertThat(reminder.reason()).isEqualTo(NotificationPlanner.REMINDER_TOO_LATE_AFTER_MOVE);
        assertThat(notifications.get("apt-1:CHANGE:EMAIL:r2").status()).isEqualTo(NotificationStatus.SCHEDULED);
        assertThat(notifications.get("apt-1:REMINDER:EMAIL:PT24H").status()).isEqualTo(NotificationStatus.CANCELLED);
    }

    @Test
    void moveForAnErasedPatientPlansNothingThatCouldBeSent() {
        planner.booked(anAppointment().startingAt(START).build());
        new PatientLifecycle(patients, new InMemoryStores.InMemoryContacts(), appointments, notifications)
                .erased("pat-1");

        planner.rescheduled(anAppointment().startingAt(NEW_START).revision(2).build());

        assertThat(notifications.get("apt-1:CHANGE:SMS:r2").status()).isEqualTo(NotificationStatus.CANCELLED);
        assertThat(notifications.get("apt-1:CHANGE:SMS:r2").reason()).isEqualTo(PatientLifecycle.PATIENT_ERASED);
        assertThat(notifications.get("apt-1:REMINDER:SMS:PT24H:r2").status()).isEqualTo(NotificationStatus.CANCELLED);
    }

    @Test
    void confirmationByThePatientKeepsTheReminders() {
        planner.booked(anAppointment().startingAt(START).build());

        assertThat(planner.statusChanged(anAppointment().startingAt(START).status(AppointmentStatus.CONFIRMED)
                .revision(2).build())).isTrue();

        assertThat(notifications.byId.values()).filteredOn(n -> n.kind() == NotificationKind.REMINDER)
                .hasSize(2).allSatisfy(n -> assertThat(n.status()).isEqualTo(NotificationStatus.SCHEDULED));
        assertThat(notifications.byId).hasSize(4);
        assertThat(appointments.byId.get("apt-1").status()).isEqualTo(AppointmentStatus.CONFIRMED);
        assertThat(appointments.byId.get("apt-1").revision()).isEqualTo(2);
    }

    @ParameterizedTest
    @CsvSource({"CHECKED_IN, visit already took place", "COMPLETED, visit already took place", "NO_SHOW, no-show"})
    void visitThatTookPlaceOrWasMissedCancelsThePendingReminders(AppointmentStatus status, String reason) {
        planner.booked(anAppointment().startingAt(START).build());
        planner.rescheduled(anAppointment().startingAt(NEW_START).revision(2).build());

        assertThat(planner.statusChanged(anAppointment().startingAt(NEW_START).status(status).revision(3).build()))
                .isTrue();

        for (Channel channel : Channel.values()) {
            Notification reminder = notifications.get("apt-1:REMINDER:" + channel + ":PT24H:r2");
            assertThat(reminder.status()).isEqualTo(NotificationStatus.CANCELLED);
            assertThat(reminder.reason()).isEqualTo(reason);
            assertThat(notifications.get("apt-1:REMINDER:" + channel + ":PT24H").reason()).isEqualTo("appointment moved");
        }
        assertThat(notifications.byId).hasSize(8);
        assertThat(appointments.byId.get("apt-1").status()).isEqualTo(status);
    }

    @Test
    void seededPolicyRemindsByEmailFortyEightHoursAndBySmsTwentyFourAndTwoHoursBefore() {
        policies.save("running-shoe", ReminderPolicy.defaults("RS Clinic"));

        planner.booked(anAppointment().startingAt(START).build());

        assertThat(notifications.byId.values()).filteredOn(n -> n.kind() == NotificationKind.REMINDER)
                .extracting(Notification::id, Notification::dueAt)
                .containsExactlyInAnyOrder(
                        tuple("apt-1:REMINDER:EMAIL:PT48H", START.minus(Duration.ofHours(48))),
                        tuple("apt-1:REMINDER:SMS:PT24H", START.minus(Duration.ofHours(24))),
                        tuple("apt-1:REMINDER:SMS:PT2H", START.minus(Duration.ofHours(2))));
    }

    @Test
    void policyWithoutBookingConfirmationsPlansOnlyTheReminders() {
        policies.save("running-shoe", new ReminderPolicy(new ReminderPolicy.Confirmations(false, false, false),
                List.of(new ReminderPolicy.Reminder(Duration.ofMinutes(30), java.util.Set.of(Channel.SMS))), false,
                new ReminderPolicy.QuietHours(java.time.LocalTime.MIDNIGHT, java.time.LocalTime.MIDNIGHT), "RS"));

        planner.booked(anAppointment().startingAt(START).build());
        planner.rescheduled(anAppointment().startingAt(NEW_START).revision(2).build());
        planner.cancelled(anAppointment().startingAt(NEW_START).cancelled().revision(3).build());

        assertThat(notifications.byId.values()).extracting(Notification::id, Notification::status)
                .containsExactlyInAnyOrder(
                        tuple("apt-1:REMINDER:SMS:PT30M", NotificationStatus.CANCELLED),
                        tuple("apt-1:REMINDER:SMS:PT30M:r2", NotificationStatus.CANCELLED));
    }

    /** March 8, 2026: Calgary springs forward at 02:00 (MST, UTC-7, to MDT, UTC-6). */
    @ParameterizedTest
    @CsvSource({
            // visit (local)      offset  reminder (local)
            "2026-03-08T10:00,    PT24H,  2026-03-07T10:00",
            "2026-03-09T09:30,    PT48H,  2026-03-07T09:30",
            "2026-03-08T04:00,    PT2H,   2026-03-08T01:00",
            "2026-11-01T10:00,    PT24H,  2026-10-31T10:00",
            "2026-11-02T08:15,    PT48H,  2026-10-31T08:15",
            "2026-11-01T03:00,    PT2H,   2026-11-01T01:00"})
    void reminderAcrossADstChangeFiresAtTheSameLocalHourForWholeDaysAndExactlyOtherwise(
            java.time.LocalDateTime visit, Duration offset, java.time.LocalDateTime expectedLocal) {
        java.time.ZoneId calgary = java.time.ZoneId.of("America/Edmonton");
        clock.set(Instant.parse("2026-02-01T00:00:00Z"));
        policies.save("running-shoe", new ReminderPolicy(new ReminderPolicy.Confirmations(true, true, true),
                List.of(new ReminderPolicy.Reminder(offset, java.util.Set.of(Channel.SMS))), true,
                new ReminderPolicy.QuietHours(java.time.LocalTime.MIDNIGHT, java.time.LocalTime.MIDNIGHT), "RS"));

        planner.booked(anAppointment().startingAt(visit.atZone(calgary).toInstant()).build());

        Instant due = notifications.get("apt-1:REMINDER:SMS:" + offset).dueAt();
        // 02:00 on March 8 does not exist: 2 h before 04:00 MDT is 01:00 MST
        assertThat(due.atZone(calgary).toLocalDateTime()).isEqualTo(expectedLocal);
    }
}
