package com.clinicbackbone.notification.notification;

import static com.clinicbackbone.notification.notification.AppointmentFixture.anAppointment;
import static com.clinicbackbone.notification.notification.ContactFixture.aContact;
import static org.assertj.core.api.Assertions.assertThat;

import com.clinicbackbone.notification.clinic.Clinic;
import com.clinicbackbone.notification.clinic.Clinics;
import com.clinicbackbone.notification.notification.InMemoryStores.InMemoryAppointments;
import com.clinicbackbone.notification.notification.InMemoryStores.InMemoryContacts;
import com.clinicbackbone.notification.notification.InMemoryStores.InMemoryNotifications;
import com.clinicbackbone.notification.notification.InMemoryStores.InMemoryPatientRegistry;
import com.clinicbackbone.notification.notification.InMemoryStores.InMemoryReminderPolicies;
import com.clinicbackbone.notification.policy.ReminderPolicy;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The running-shoe clinic with its seeded policy (email 48 h, SMS 24 h and 2 h before; quiet 21:00-08:00
 * Calgary time), driven by a hand-moved clock, around the 2026 DST changes (March 8, November 1).
 */
class QuietHoursTest {

    static final ZoneId CALGARY = ZoneId.of("America/Edmonton");

    final MutableClock clock = new MutableClock(Instant.parse("2026-02-01T18:00:00Z"));
    final InMemoryAppointments appointments = new InMemoryAppointments();
    final InMemoryContacts contacts = new InMemoryContacts();
    final InMemoryNotifications notifications = new InMemoryNotifications();
    final InMemoryPatientRegistry patients = new InMemoryPatientRegistry();
    final InMemoryReminderPolicies policies = new InMemoryReminderPolicies();
    final Clinics clinics = new Clinics(List.of(
            Clinic.withDefaults("running-shoe", "Running Shoe Restorative Healthcare", CALGARY, "RS Clinic")));
    final DispatcherTest.RecordingEmail email = new DispatcherTest.RecordingEmail();
    final DispatcherTest.RecordingSms sms = new DispatcherTest.RecordingSms();
    final NotificationPlanner planner = new NotificationPlanner(appointments, notifications, clinics, policies,
            patients, clock);
    final InMemoryStores.InMemoryDeliveries deliveries = new InMemoryStores.InMemoryDeliveries();
    final Dispatcher dispatcher = new Dispatcher(notifications, deliveries, appointments, contacts, patients, clinics, policies,
            new Templates(new InMemoryStores.InMemoryMessageTemplates(), clinics, policies), email, sms, clock, Duration.ofMillis(250));

    @BeforeEach
    void seededPolicyAndAContact() {
        policies.save("running-shoe", ReminderPolicy.defaults("RS Clinic"));
        contacts.saveIfNotOlder(aContact().build());
    }

    static Instant calgary(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(CALGARY).toInstant();
    }

    @ParameterizedTest
    @CsvSource({
            // visit,            SMS 2 h before, end of the quiet hours
            "2026-03-08T09:00, 2026-03-08T07:00, 2026-03-08T08:00", // spring forward at 02:00 that night
            "2026-11-01T09:00, 2026-11-01T07:00, 2026-11-01T08:00", // fall back at 02:00 that night
            "2026-07-15T09:30, 2026-07-15T07:30, 2026-07-15T08:00"})
    void reminderDueInTheQuietHoursIsDeferredToTheirEndWhenThatIsBeforeTheVisit(String visit, String due,
                                                                               String quietEnd) {
        planner.booked(anAppointment().startingAt(calgary(visit)).build());
        dispatcher.dispatchDue(); // the confirmations, in the afternoon
        String reminderId = "apt-1:REMINDER:SMS:PT2H";
        assertThat(notifications.get(reminderId).dueAt()).isEqualTo(calgary(due));

        clock.set(calgary(due));
        dispatcher.dispatchDue();

        Notification deferred = notifications.get(reminderId);
        assertThat(deferred.status()).isEqualTo(NotificationStatus.SCHEDULED);
        assertThat(deferred.nextAttemptAt()).isEqualTo(calgary(quietEnd));
        assertThat(deferred.reason()).isEqualTo(Dispatcher.DEFERRED_BY_QUIET_HOURS);

        clock.set(calgary(quietEnd).minusSeconds(1));
        assertThat(dispatcher.dispatchDue()).isZero();
        clock.set(calgary(quietEnd));
        assertThat(dispatcher.dispatchDue()).isPositive();

        assertThat(notifications.get(reminderId).status()).isEqualTo(NotificationStatus.SENT);
        assertThat(notifications.get(reminderId).sentAt()).isEqualTo(calgary(quietEnd));
    }

    @Test
    void reminderWhoseQuietHoursEndOnlyAtTheVisitIsSkippedWithTheReason() {
        planner.booked(anAppointment().startingAt(calgary("2026-07-15T08:00")).build());
        dispatcher.dispatchDue();
        int smsBefore = sms.sent.size();

        clock.set(calgary("2026-07-15T06:00"));
        dispatcher.dispatchDue();

        Notification reminder = notifications.get("apt-1:REMINDER:SMS:PT2H");
        assertThat(reminder.status()).isEqualTo(NotificationStatus.SKIPPED);
        assertThat(reminder.reason()).isEqualTo(Dispatcher.QUIET_HOURS);
        assertThat(sms.sent).hasSize(smsBefore);
    }

    @Test
    void confirmationOfALateEveningBookingWaitsForTheMorning() {
        clock.set(calgary("2026-07-14T22:30"));

        planner.booked(anAppointment().startingAt(calgary("2026-07-20T10:00")).build());
        assertThat(dispatcher.dispatchDue()).isEqualTo(2);

        assertThat(email.sent).isEmpty();
        assertThat(notifications.get("apt-1:CONFIRMATION:EMAIL").nextAttemptAt())
                .isEqualTo(calgary("2026-07-15T08:00"));
        clock.set(calgary("2026-07-15T08:00"));
        assertThat(dispatcher.dispatchDue()).isEqualTo(2);
        assertThat(email.sent).singleElement().satisfies(message ->
                assertThat(message.subject()).isEqualTo("Your appointment is booked"));
    }

    @ParameterizedTest
    @CsvSource({
            // visit (local),      reminder id,              fires at (local)
            "2026-03-08T10:00, apt-1:REMINDER:SMS:PT24H,  2026-03-07T10:00",
            "2026-03-09T11:00, apt-1:REMINDER:EMAIL:PT48H, 2026-03-07T11:00",
            "2026-11-01T10:00, apt-1:REMINDER:SMS:PT24H,  2026-10-31T10:00",
            "2026-11-02T15:00, apt-1:REMINDER:EMAIL:PT48H, 2026-10-31T15:00"})
    void reminderAcrossADstChangeFiresAtTheVisitsLocalHour(String visit, String reminderId, String firesAt) {
        planner.booked(anAppointment().startingAt(calgary(visit)).build());
        dispatcher.dispatchDue();

        clock.set(calgary(firesAt).minusSeconds(1));
        dispatcher.dispatchDue();
        assertThat(notifications.get(reminderId).status()).isEqualTo(NotificationStatus.SCHEDULED);

        clock.set(calgary(firesAt));
        dispatcher.dispatchDue();
        assertThat(notifications.get(reminderId).status()).isEqualTo(NotificationStatus.SENT);
        assertThat(notifications.get(reminderId).sentAt().atZone(CALGARY).toLocalDateTime())
                .isEqualTo(LocalDateTime.parse(firesAt));
    }
}
