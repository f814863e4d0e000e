package com.clinicbackbone.notification.notification;

import static com.clinicbackbone.notification.notification.AppointmentFixture.anAppointment;
import static com.clinicbackbone.notification.notification.ContactFixture.aContact;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.clinicbackbone.notification.clinic.Clinics;
import com.clinicbackbone.notification.notification.InMemoryStores.InMemoryAppointments;
import com.clinicbackbone.notification.notification.InMemoryStores.InMemoryContacts;
import com.clinicbackbone.notification.notification.InMemoryStores.InMemoryDeliveries;
import com.clinicbackbone.notification.notification.InMemoryStores.InMemoryNotifications;
import com.clinicbackbone.notification.notification.InMemoryStores.InMemoryPatientRegistry;
import com.clinicbackbone.notification.notification.InMemoryStores.InMemoryReminderPolicies;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Booking, moving and cancelling around a reminder's due time, driven by the clock: the planner applies the
 * appointment events as they arrive and the dispatcher runs at each moment (policy: email and SMS 24 h before).
 */
class ReminderTimingTest {

    static final Instant NOW = Instant.parse("2026-07-10T12:00:00Z");
    /** The reminders 24 h before are due a minute from now. */
    static final Instant START = NOW.plus(Duration.ofHours(24)).plus(Duration.ofMinutes(1));
    static final Instant DUE = START.minus(Duration.ofHours(24));
    static final Instant LATER_START = START.plus(Duration.ofDays(2));
    static final String REMINDER = "Appointment reminder";

    final MutableClock clock = new MutableClock(NOW);
    final InMemoryAppointments appointments = new InMemoryAppointments();
    final InMemoryContacts contacts = new InMemoryContacts();
    final InMemoryNotifications notifications = new InMemoryNotifications();
    final InMemoryPatientRegistry patients = new InMemoryPatientRegistry();
    final InMemoryReminderPolicies policies = new InMemoryReminderPolicies();
    final InMemoryDeliveries deliveries = new InMemoryDeliveries();
    final Clinics clinics = new Clinics(List.of());
    final DispatcherTest.RecordingEmail email = new DispatcherTest.RecordingEmail();
    final DispatcherTest.RecordingSms sms = new DispatcherTest.RecordingSms();
    final NotificationPlanner planner = new NotificationPlanner(appointments, notifications, clinics, policies,
            patients, clock);
    final Dispatcher dispatcher = new Dispatcher(notifications, deliveries, appointments, contacts, patients,
            clinics, policies, new Templates(new InMemoryStores.InMemoryMessageTemplates(), clinics, policies),
            email, sms, clock, Duration.ofMillis(250));

    @BeforeEach
    void bookedWithConfirmationsSent() {
        notifications.now = clock::instant;
        contacts.saveIfNotOlder(aContact().build());
        planner.booked(anAppointment().startingAt(START).build());
        assertThat(dispatcher.dispatchDue()).isEqualTo(2);
    }

    @Test
    void appointmentCancelledASecondBeforeItsRemindersAreDueGetsOnlyTheCancellationNotices() {
        clock.set(DUE.minusSeconds(1));
        planner.cancelled(anAppointment().startingAt(START).cancelled().revision(2).build());
        clock.set(DUE);
        dispatcher.dispatchDue();
        clock.advance(Duration.ofHours(1));
        dispatcher.dispatchDue();

        assertThat(email.sent).extracting(EmailMessage::subject).doesNotContain(REMINDER);
        assertThat(reminders()).extracting(Notification::status, Notification::reason).containsOnly(
                tuple(NotificationStatus.CANCELLED, NotificationPlanner.APPOINTMENT_CANCELLED));
        assertThat(notifications.find("apt-1", null)).filteredOn(n -> n.kind() == NotificationKind.CANCELLATION)
                .extracting(Notification::status).containsExactly(NotificationStatus.SENT, NotificationStatus.SENT);
        assertThat(sms.sent).hasSize(2); // the confirmation and the cancellation notice
    }

    @Test
    void appointmentMovedJustBeforeItsRemindersAreDueIsRemindedOnlyBeforeTheNewStart() {
        clock.set(DUE.minusSeconds(1));
        planner.rescheduled(anAppointment().startingAt(LATER_START).revision(2).build());
        clock.set(DUE);
        dispatcher.dispatchDue();

        assertThat(email.sent).extracting(EmailMessage::subject).doesNotContain(REMINDER);
        clock.set(LATER_START.minus(Duration.ofHours(24)).minusSeconds(1));
        assertThat(dispatcher.dispatchDue()).isZero();
        clock.advance(Duration.ofSeconds(1));
        assertThat(dispatcher.dispatchDue()).isEqualTo(2);

        assertThat(email.sent).extracting(EmailMessage::subject).containsOnlyOnce(REMINDER);
        assertThat(reminders()).extracting(Notification::id, Notification::status).containsExactlyInAnyOrder(
                tuple("apt-1:REMINDER:EMAIL:PT24H", NotificationStatus.CANCELLED),
                tuple("apt-1:REMINDER:SMS:PT24H", NotificationStatus.CANCELLED),
                tuple("apt-1:REMINDER:EMAIL:PT24H:r2", NotificationStatus.SENT),
                tuple("apt-1:REMINDER:SMS:PT24H:r2", NotificationStatus.SENT));
        assertThat(notifications.get("apt-1:REMINDER:SMS:PT24H:r2").sentAt())
                .isEqualTo(LATER_START.minus(Duration.ofHours(24)));
    }

    @Test
    void appointmentMovedAwayAndBackJustBeforeTheDueTimeIsRemindedOnceAtTheOriginalTime() {
        clock.set(DUE.minusSeconds(30));
        planner.rescheduled(anAppointment().startingAt(LATER_START).revision(2).build());
        clock.set(DUE.minusSeconds(10));
        planner.rescheduled(anAppointment().startingAt(START).revision(3).build());
        clock.set(DUE);
        dispatcher.dispatchDue();
        clock.set(LATER_START);
        dispatcher.dispatchDue();

        assertThat(email.sent).extracting(EmailMessage::subject).containsOnlyOnce(REMINDER);
        assertThat(reminders()).filteredOn(n -> n.status() == NotificationStatus.SENT)
                .extracting(Notification::id, Notification::sentAt).containsExactlyInAnyOrder(
                        tuple("apt-1:REMINDER:EMAIL:PT24H:r3", DUE), tuple("apt-1:REMINDER:SMS:PT24H:r3", DUE));
        assertThat(reminders()).filteredOn(n -> n.status() != NotificationStatus.SENT)
                .extracting(Notification::status, Notification::reason)
                .containsOnly(tuple(NotificationStatus.CANCELLED, NotificationPlanner.APPOINTMENT_MOVED));
    }

    @Test
    void appointmentCancelledAfterItsRemindersWentOutKeepsThemSentAndGetsTheCancellationNotices() {
        clock.set(DUE);
        assertThat(dispatcher.dispatchDue()).isEqualTo(2);
        clock.advance(Duration.ofMinutes(5));
        planner.cancelled(anAppointment().startingAt(START).cancelled().revision(2).build());
        dispatcher.dispatchDue();

        assertThat(reminders()).extracting(Notification::status, Notification::sentAt, Notification::reason)
                .containsOnly(tuple(NotificationStatus.SENT, DUE, null));
        assertThat(notifications.find("apt-1", null)).filteredOn(n -> n.kind() == NotificationKind.CANCELLATION)
                .extracting(Notification::status).containsExactly(NotificationStatus.SENT, NotificationStatus.SENT);
    }

    private List<Notification> reminders() {
        return notifications.find("apt-1", null).stream().filter(n -> n.kind() == NotificationKind.REMINDER)
                .toList();
    }
}
