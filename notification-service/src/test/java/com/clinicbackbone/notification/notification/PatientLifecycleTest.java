package com.clinicbackbone.notification.notification;

import static com.clinicbackbone.notification.notification.AppointmentFixture.anAppointment;
import static com.clinicbackbone.notification.notification.ContactFixture.aContact;
import static org.assertj.core.api.Assertions.assertThat;

import com.clinicbackbone.notification.clinic.Clinics;
import com.clinicbackbone.notification.notification.InMemoryStores.InMemoryAppointments;
import com.clinicbackbone.notification.notification.InMemoryStores.InMemoryContacts;
import com.clinicbackbone.notification.notification.InMemoryStores.InMemoryNotifications;
import com.clinicbackbone.notification.notification.InMemoryStores.InMemoryPatientRegistry;
import com.clinicbackbone.notification.notification.InMemoryStores.InMemoryReminderPolicies;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PatientLifecycleTest {

    static final Instant NOW = Instant.parse("2026-07-10T12:00:00Z");
    static final Instant START = Instant.parse("2026-07-15T15:30:00Z");

    final MutableClock clock = new MutableClock(NOW);
    final InMemoryAppointments appointments = new InMemoryAppointments();
    final InMemoryContacts contacts = new InMemoryContacts();
    final InMemoryNotifications notifications = new InMemoryNotifications();
    final InMemoryPatientRegistry patients = new InMemoryPatientRegistry();
    final InMemoryReminderPolicies policies = new InMemoryReminderPolicies();
    final Clinics clinics = new Clinics(List.of());
    final NotificationPlanner planner = new NotificationPlanner(appointments, notifications, clinics, policies, patients,
            clock);
    final PatientLifecycle lifecycle = new PatientLifecycle(patients, contacts, appointments, notifications);
    final DispatcherTest.RecordingEmail email = new DispatcherTest.RecordingEmail();
    final DispatcherTest.RecordingSms sms = new DispatcherTest.RecordingSms();
    final InMemoryStores.InMemoryDeliveries deliveries = new InMemoryStores.InMemoryDeliveries();
    final Dispatcher dispatcher = new Dispatcher(notifications, deliveries, appointments, contacts, patients, clinics, policies,
            new Templates(new InMemoryStores.InMemoryMessageTemplates(), clinics, policies), email, sms,
            clock,
            Duration.ofMillis(250));

    @Test
    void erasureDropsTheContactAndCancelsEveryPendingNotificationOfThePatientOnly() {
        lifecycle.contactRecorded(aContact().build());
        lifecycle.contactRecorded(aContact().patient("pat-2").build());
        planner.booked(anAppointment().startingAt(START).build());
        planner.booked(anAppointment().id("apt-2").patient("pat-2").startingAt(START).build());
        dispatcher.dispatchDue();

        lifecycle.erased("pat-1");

        assertThat(contacts.find("pat-1")).isEmpty();
        assertThat(contacts.find("pat-2")).isPresent();
        assertThat(notifications.find(null, "pat-1")).hasSize(4).allSatisfy(n -> {
            if (n.kind() == NotificationKind.REMINDER) {
                assertThat(n.status()).isEqualTo(NotificationStatus.CANCELLED);
                assertThat(n.reason()).isEqualTo("patient erased");
            } else {
                assertThat(n.status()).as("already sent stays sent").isEqualTo(NotificationStatus.SENT);
            }
        });
        assertThat(notifications.find(null, "pat-2"))
                .filteredOn(n -> n.kind() == NotificationKind.REMINDER)
                .allSatisfy(n -> assertThat(n.status()).isEqualTo(NotificationStatus.SCHEDULED));
    }

    @Test
    void erasureCancelsNotificationsThatWereDueButNotYetSent() {
        planner.booked(anAppointment().startingAt(START).build());

        lifecycle.erased("pat-1");
        lifecycle.contactRecorded(aContact().build());
        dispatcher.dispatchDue();

        assertThat(email.sent).isEmpty();
        assertThat(sms.sent).isEmpty();
        assertThat(notifications.find(null, "pat-1"))
                .allSatisfy(n -> assertThat(n.status()).isEqualTo(NotificationStatus.CANCELLED));
    }

    @Test
    void notificationStillPendingForAnErasedPatientIsCancelledAtSendTimeInsteadOfWaitingForAContact() {
        planner.booked(anAppointment().startingAt(START).build());
        // the erasure was recorded, but these were written after its cancellation ran (a race)
        patients.markErased("pat-1");

        dispatcher.dispatchDue();

        assertThat(notifications.get("apt-1:CONFIRMATION:EMAIL").status()).isEqualTo(NotificationStatus.CANCELLED);
        assertThat(notifications.get("apt-1:CONFIRMATION:EMAIL").reason()).isEqualTo("patient erased");
    }

    @Test
    void contactRecordArrivingAfterTheErasureIsNotStored() {
        lifecycle.erased("pat-1");

        assertThat(lifecycle.contactRecorded(aContact().revision(7).build())).isFalse();

        assertThat(contacts.find("pat-1")).isEmpty();
    }

    @Test
    void tombstoneDropsTheContactAndCancelsPendingNotificationsAsAnErasure() {
        lifecycle.contactRecorded(aContact().build());
        planner.booked(anAppointment().startingAt(START).build());

        lifecycle.contactTombstoned("pat-1");

        assertThat(contacts.find("pat-1")).isEmpty();
        assertThat(notifications.find(null, "pat-1")).allSatisfy(n -> {
            assertThat(n.status()).isEqualTo(NotificationStatus.CANCELLED);
            assertThat(n.reason()).isEqualTo("patient erased");
        });
    }

    @Test
    void bookingOrCancellationForAnErasedPatientIsStoredCancelledAndNeverSent() {
        lifecycle.erased("pat-1");

        planner.booked(anAppointment().startingAt(START).build());
        planner.cancelled(anAppointment().startingAt(START).cancelled().revision(2).build());
        dispatcher.dispatchDue();

        assertThat(notifications.byId).hasSize(6);
        assertThat(notifications.byId.values()).allSatisfy(n -> {
            assertThat(n.status()).isEqualTo(NotificationStatus.CANCELLED);
            assertThat(n.reason()).isEqualTo("patient erased");
        });
    }

    @Test
    void mergeRepointsAppointmentsAndPendingNotificationsAndTheSurvivorGetsThem() {
        lifecycle.contactRecorded(aContact().patient("pat-old").build());
        lifecycle.contactRecorded(aContact().patient("pat-new").build());
        planner.booked(anAppointment().patient("pat-old").startingAt(START).build());
        dispatcher.dispatchDue();

        lifecycle.merged("pat-old", "pat-new");

        assertThat(appointments.byId.get("apt-1").patientId()).isEqualTo("pat-new");
        assertThat(notifications.find(null, "pat-old")).isEmpty();
        assertThat(notifications.find(null, "pat-new")).hasSize(4);
        assertThat(contacts.find("pat-old")).isEmpty();
        clock.set(START.minus(Duration.ofHours(24)));
        dispatcher.dispatchDue();
        assertThat(notifications.get("apt-1:REMINDER:EMAIL:PT24H").status()).isEqualTo(NotificationStatus.SENT);
    }

    @Test
    void mergeHandledAfterItsTombstoneSchedulesTheCancelledNotificationsAgainForTheSurvivor() {
        lifecycle.contactRecorded(aContact().patient("pat-new").build());
        planner.booked(anAppointment().patient("pat-old").startingAt(START).build());

        lifecycle.contactTombstoned("pat-old");
        lifecycle.merged("pat-old", "pat-new");

        assertThat(notifications.find(null, "pat-new")).hasSize(4)
                .allSatisfy(n -> assertThat(n.status()).isEqualTo(NotificationStatus.SCHEDULED));
        dispatcher.dispatchDue();
        assertThat(email.sent).singleElement()
                .satisfies(message -> assertThat(message.subject()).isEqualTo("Your appointment is booked"));
    }

    @Test
    void tombstoneHandledAfterTheMergeLeavesTheSurvivorsNotificationsAlone() {
        planner.booked(anAppointment().patient("pat-old").startingAt(START).build());

        lifecycle.merged("pat-old", "pat-new");
        lifecycle.contactTombstoned("pat-old");

        assertThat(notifications.find(null, "pat-new"))
                .allSatisfy(n -> assertThat(n.status()).isEqualTo(NotificationStatus.SCHEDULED));
    }

    @Test
    void laterEventsNamingTheMergedIdArePlannedForTheSurvivorAndItsContactIsIgnored() {
        lifecycle.merged("pat-old", "pat-new");

        planner.booked(anAppointment().patient("pat-old").startingAt(START).build());

        assertThat(appointments.byId.get("apt-1").patientId()).isEqualTo("pat-new");
        assertThat(notifications.find(null, "pat-new")).hasSize(4);
        assertThat(lifecycle.contactRecorded(aContact().patient("pat-old").build())).isFalse();
    }

    @Test
    void mergesAreFollowedToTheLastSurvivor() {
        lifecycle.merged("pat-a", "pat-b");
        lifecycle.merged("pat-b", "pat-c");

        planner.booked(anAppointment().patient("pat-a").startingAt(START).build());

        assertThat(notifications.find(null, "pat-c")).hasSize(4);
    }

    @Test
    void mergeDoesNotReviveWhatAnErasureCancelled() {
        planner.booked(anAppointment().patient("pat-old").startingAt(START).build());
        lifecycle.erased("pat-old");

        lifecycle.merged("pat-old", "pat-new");

        assertThat(notifications.find(null, "pat-new")).hasSize(4)
                .allSatisfy(n -> assertThat(n.status()).isEqualTo(NotificationStatus.CANCELLED));
    }

    @Test
    void repeatingAnErasureOrAMergeChangesNothingMore() {
        planner.booked(anAppointment().patient("pat-old").startingAt(START).build());
        lifecycle.merged("pat-old", "pat-new");
        var afterMerge = List.copyOf(notifications.byId.values());

        lifecycle.merged("pat-old", "pat-new");

        assertThat(notifications.byId.values()).containsExactlyInAnyOrderElementsOf(afterMerge);
        lifecycle.erased("pat-new");
        var afterErasure = List.copyOf(notifications.byId.values());
        lifecycle.erased("pat-new");
        lifecycle.merged("pat-old", "pat-new");
        assertThat(notifications.byId.values()).containsExactlyInAnyOrderElementsOf(afterErasure);
    }
}
