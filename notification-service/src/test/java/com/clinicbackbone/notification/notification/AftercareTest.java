package com.clinicbackbone.notification.notification;

import static com.clinicbackbone.notification.notification.AppointmentFixture.anAppointment;
import static com.clinicbackbone.notification.notification.ContactFixture.aContact;
import static org.assertj.core.api.Assertions.assertThat;

import com.clinicbackbone.notification.appointment.AppointmentStatus;
import com.clinicbackbone.notification.clinic.Aftercare;
import com.clinicbackbone.notification.clinic.Clinic;
import com.clinicbackbone.notification.clinic.Clinics;
import com.clinicbackbone.notification.contact.Channel;
import com.clinicbackbone.notification.notification.InMemoryStores.InMemoryAppointments;
import com.clinicbackbone.notification.notification.InMemoryStores.InMemoryContacts;
import com.clinicbackbone.notification.notification.InMemoryStores.InMemoryMessageTemplates;
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

class AftercareTest {

    static final ZoneId CALGARY = ZoneId.of("America/Edmonton");
    static final Instant VISIT = LocalDateTime.parse("2026-07-15T10:00").atZone(CALGARY).toInstant();

    final MutableClock clock = new MutableClock(VISIT.minus(Duration.ofDays(3)));
    final InMemoryAppointments appointments = new InMemoryAppointments();
    final InMemoryContacts contacts = new InMemoryContacts();
    final InMemoryNotifications notifications = new InMemoryNotifications();
    final InMemoryPatientRegistry patients = new InMemoryPatientRegistry();
    final InMemoryReminderPolicies policies = new InMemoryReminderPolicies();
    final Clinics clinics = new Clinics(
            List.of(Clinic.withDefaults("running-shoe", "Running Shoe Restorative Healthcare", CALGARY, "RS Clinic")),
            List.of(new Aftercare("running-shoe", "prolotherapy", "Expect soreness for a few days.",
                    "Une douleur peut durer quelques jours.")));
    final DispatcherTest.RecordingEmail email = new DispatcherTest.RecordingEmail();
    final DispatcherTest.RecordingSms sms = new DispatcherTest.RecordingSms();
    final NotificationPlanner planner = new NotificationPlanner(appointments, notifications, clinics, policies,
            patients, clock);
    final InMemoryStores.InMemoryDeliveries deliveries = new InMemoryStores.InMemoryDeliveries();
    final Dispatcher dispatcher = new Dispatcher(notifications, deliveries, appointments, contacts, patients, clinics, policies,
            new Templates(new InMemoryMessageTemplates(), clinics, policies), email, sms, clock,
            Duration.ofMillis(250));

    @BeforeEach
    void seededPolicyAndBookedVisit() {
        policies.save("running-shoe", ReminderPolicy.defaults("RS Clinic"));
        contacts.saveIfNotOlder(aContact().build());
    }

    void bookAndComplete(String service, Instant completedAt) {
        planner.booked(anAppointment().service(service).startingAt(VISIT).build());
        dispatcher.dispatchDue();
        clock.set(completedAt);
        planner.statusChanged(anAppointment().service(service).startingAt(VISIT)
                .status(AppointmentStatus.COMPLETED).revision(2).build());
        email.sent.clear();
        sms.sent.clear();
    }

    @Test
    void completedProlotherapySendsTheAftercareInstructionsByEmailOnly() {
        bookAndComplete("prolotherapy", VISIT.plus(Duration.ofHours(1)));

        dispatcher.dispatchDue();

        assertThat(notifications.byId.values()).filteredOn(n -> n.kind() == NotificationKind.AFTERCARE)
                .singleElement().satisfies(n -> {
                    assertThat(n.channel()).isEqualTo(Channel.EMAIL);
                    assertThat(n.status()).isEqualTo(NotificationStatus.SENT);
                });
        assertThat(email.sent).singleElement().satisfies(message -> {
            assertThat(message.subject()).isEqualTo("Your aftercare instructions");
            assertThat(message.body()).startsWith("Hello Ada,").contains("Expect soreness for a few days.");
            assertThat(message.html()).contains("<p>Expect soreness for a few days.</p>");
            assertThat(message.calendar()).isNull();
        });
        assertThat(sms.sent).isEmpty();
    }

    @Test
    void frenchPatientsGetTheFrenchInstructions() {
        contacts.saveIfNotOlder(aContact().language("fr").revision(2).build());
        bookAndComplete("prolotherapy", VISIT.plus(Duration.ofHours(1)));

        dispatcher.dispatchDue();

        assertThat(email.sent).singleElement().satisfies(message -> {
            assertThat(message.subject()).isEqualTo("Conseils après votre visite");
            assertThat(message.body()).contains("Une douleur peut durer quelques jours.");
        });
    }

    @Test
    void serviceWithoutAftercareTextOrAPolicyWithoutAftercareSendsNothing() {
        bookAndComplete("massage-60", VISIT.plus(Duration.ofHours(1)));
        policies.save("running-shoe", new ReminderPolicy(new ReminderPolicy.Confirmations(true, true, true),
                List.of(), false, new ReminderPolicy.QuietHours(java.time.LocalTime.of(21, 0),
                java.time.LocalTime.of(8, 0)), "RS Clinic"));
        planner.booked(anAppointment().id("apt-2").service("prolotherapy").startingAt(VISIT).build());
        planner.statusChanged(anAppointment().id("apt-2").service("prolotherapy").startingAt(VISIT)
                .status(AppointmentStatus.COMPLETED).revision(2).build());

        assertThat(notifications.byId.values()).noneMatch(n -> n.kind() == NotificationKind.AFTERCARE);
    }

    @Test
    void aftercareOfALateVisitWaitsForTheEndOfTheQuietHours() {
        bookAndComplete("prolotherapy", LocalDateTime.parse("2026-07-15T21:30").atZone(CALGARY).toInstant());

        dispatcher.dispatchDue();

        assertThat(email.sent).isEmpty();
        assertThat(notifications.get("apt-1:AFTERCARE:EMAIL").nextAttemptAt())
                .isEqualTo(LocalDateTime.parse("2026-07-16T08:00").atZone(CALGARY).toInstant());
    }
}
