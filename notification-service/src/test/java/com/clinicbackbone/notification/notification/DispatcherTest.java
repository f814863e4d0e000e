package com.clinicbackbone.notification.notification;

import static com.clinicbackbone.notification.notification.AppointmentFixture.anAppointment;
import static com.clinicbackbone.notification.notification.ContactFixture.aContact;
import static org.assertj.core.api.Assertions.assertThat;

import com.clinicbackbone.notification.appointment.AppointmentStatus;
import com.clinicbackbone.notification.clinic.Clinics;
import com.clinicbackbone.notification.contact.Channel;
import com.clinicbackbone.notification.delivery.Delivery;
import com.clinicbackbone.notification.delivery.DeliveryStatus;
import com.clinicbackbone.notification.notification.InMemoryStores.InMemoryAppointments;
import com.clinicbackbone.notification.notification.InMemoryStores.InMemoryContacts;
import com.clinicbackbone.notification.notification.InMemoryStores.InMemoryNotifications;
import com.clinicbackbone.notification.notification.InMemoryStores.InMemoryPatientRegistry;
import com.clinicbackbone.notification.notification.InMemoryStores.InMemoryReminderPolicies;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DispatcherTest {

    static final Instant NOW = Instant.parse("2026-07-10T12:00:00Z");
    static final Instant START = Instant.parse("2026-07-15T15:30:00Z");
    /** Friday, July 17, 2026 at 12:00 PM in Calgary (MDT). */
    static final Instant NEW_START = Instant.parse("2026-07-17T18:00:00Z");

    final MutableClock clock = new MutableClock(NOW);
    final InMemoryAppointments appointments = new InMemoryAppointments();
    final InMemoryContacts contacts = new InMemoryContacts();
    final InMemoryNotifications notifications = new InMemoryNotifications();
    final InMemoryPatientRegistry patients = new InMemoryPatientRegistry();
    final InMemoryReminderPolicies policies = new InMemoryReminderPolicies();
    final Clinics clinics = new Clinics(List.of());
    final RecordingEmail email = new RecordingEmail();
    final RecordingSms sms = new RecordingSms();
    final NotificationPlanner planner = new NotificationPlanner(appointments, notifications, clinics, policies,
            patients, clock);
    final InMemoryStores.InMemoryDeliveries deliveries = new InMemoryStores.InMemoryDeliveries();
    final Dispatcher dispatcher = new Dispatcher(notifications, deliveries, appointments, contacts, patients, clinics, policies,
            new Templates(new InMemoryStores.InMemoryMessageTemplates(), clinics, policies), email, sms,
            clock,
            Duration.ofMillis(250));

    {
        notifications.now = clock::instant;
    }

    @Test
    void sendsDueConfirmationsOnBothChannelsAndRecordsTheProviderIds() {
        contacts.saveIfNotOlder(aContact().build());
        planner.booked(anAppointment().startingAt(START).build());

        assertThat(dispatcher.dispatchDue()).isEqualTo(2);

        assertThat(email.sent).singleElement().satisfies(message -> {
            assertThat(message.to()).isEqualTo("ada@example.org");
            assertThat(message.subject()).isEqualTo("Your appointment is booked");
        });
        assertThat(sms.sent).singleElement().satisfies(message -> assertThat(message.to()).isEqualTo("+15875550123"));
        Notification confirmation = notifications.get("apt-1:CONFIRMATION:EMAIL");
        assertThat(confirmation.status()).isEqualTo(NotificationStatus.SENT);
        assertThat(confirmation.sentAt()).isEqualTo(NOW);
        assertThat(confirmation.providerMessageId()).isEqualTo("email-1");
        assertThat(confirmation.attempts()).isEqualTo(1);
        assertThat(notifications.get("apt-1:CONFIRMATION:SMS").providerMessageId()).isEqualTo("SM1");
    }

    @Test
    void remindersWaitForTheirDueTimeAndAreSentOnce() {
        contacts.saveIfNotOlder(aContact().build());
        planner.booked(anAppointment().startingAt(START).build());
        dispatcher.dispatchDue();

        clock.set(START.minus(Duration.ofHours(24)).minusSeconds(1));
        assertThat(dispatcher.dispatchDue()).isZero();

        clock.advance(Duration.ofSeconds(1));
        assertThat(dispatcher.dispatchDue()).isEqualTo(2);
        assertThat(dispatcher.dispatchDue()).isZero();
        assertThat(email.sent).extracting(EmailMessage::subject)
                .containsExactly("Your appointment is booked", "Appointment reminder");
        assertThat(notifications.get("apt-1:REMINDER:SMS:PT24H").status()).isEqualTo(NotificationStatus.SENT);
    }

    @Test
    void reminderForAnAppointmentNoLongerBookedAtSendTimeIsCancelledNotSent() {
        contacts.saveIfNotOlder(aContact().build());
        planner.booked(anAppointment().startingAt(START).build());
        dispatcher.dispatchDue();
        // the projection moved on, but the reminders were not cancelled (a cancellation handled concurrently)
        appointments.saveIfNotOlder(anAppointment().startingAt(START).cancelled().revision(2).build());

        clock.set(START.minus(Duration.ofHours(24)));
        dispatcher.dispatchDue();

        assertThat(notifications.get("apt-1:REMINDER:EMAIL:PT24H").status()).isEqualTo(NotificationStatus.CANCELLED);
        assertThat(notifications.get("apt-1:REMINDER:EMAIL:PT24H").reason()).isEqualTo("appointment cancelled");
        assertThat(email.sent).hasSize(1);
        assertThat(sms.sent).hasSize(1);
    }

    @Test
    void reminderForAnAppointmentWhoseStartChangedIsCancelledAsStale() {
        contacts.saveIfNotOlder(aContact().build());
        planner.booked(anAppointment().startingAt(START).build());
        appointments.saveIfNotOlder(anAppointment().startingAt(START.plus(Duration.ofDays(2))).revision(2).build());

        clock.set(START.minus(Duration.ofHours(24)));
        dispatcher.dispatchDue();

        assertThat(notifications.get("apt-1:REMINDER:SMS:PT24H").status()).isEqualTo(NotificationStatus.CANCELLED);
        assertThat(notifications.get("apt-1:REMINDER:SMS:PT24H").reason()).isEqualTo("appointment moved");
        assertThat(sms.sent).extracting(SmsMessage::body).noneMatch(body -> body.contains("reminder"));
    }

    @Test
    void channelThePatientDidNotChooseIsSkippedWithAReason() {
        contacts.saveIfNotOlder(aContact().channels(Channel.EMAIL).build());
        planner.booked(anAppointment().startingAt(START).build());

        dispatcher.dispatchDue();

        assertThat(email.sent).hasSize(1);
        assertThat(sms.sent).isEmpty();
        Notification smsConfirmation = notifications.get("apt-1:CONFIRMATION:SMS");
        assertThat(smsConfirmation.status()).isEqualTo(NotificationStatus.SKIPPED);
        assertThat(smsConfirmation.reason()).isEqualTo("patient does not want SMS messages");
    }

    @Test
    void channelWithoutConsentIsSkippedWithAReasonEvenWhenThePatientChoseIt() {
        contacts.saveIfNotOlder(aContact().channels(Channel.EMAIL, Channel.SMS).consents(Channel.EMAIL).build());
        planner.booked(anAppointment().startingAt(START).build());

        dispatcher.dispatchDue();

        assertThat(email.sent).hasSize(1);
        assertThat(sms.sent).isEmpty();
        Notification smsConfirmation = notifications.get("apt-1:CONFIRMATION:SMS");
        assertThat(smsConfirmation.status()).isEqualTo(NotificationStatus.SKIPPED);
        assertThat(smsConfirmation.reason()).isEqualTo("no consent to SMS messages");
    }

    @Test
    void emptyConsentListMeansNoChannelIsUsed() {
        contacts.saveIfNotOlder(aContact().consents().build());
        planner.booked(anAppointment().startingAt(START).build());

        dispatcher.dispatchDue();

        assertThat(email.sent).isEmpty();
        assertThat(sms.sent).isEmpty();
        assertThat(notifications.get("apt-1:CONFIRMATION:EMAIL").reason()).isEqualTo("no consent to EMAIL messages");
    }

    @Test
    void recordThatDoesNotStateConsentsCountsAsConsentOnEveryChannel() {
        contacts.saveIfNotOlder(aContact().build());
        planner.booked(anAppointment().startingAt(START).build());

        dispatcher.dispatchDue();

        assertThat(email.sent).hasSize(1);
        assertThat(sms.sent).hasSize(1);
    }

    @Test
    void chosenChannelWithoutAnAddressIsSkipped() {
        contacts.saveIfNotOlder(aContact().noPhone().build());
        planner.booked(anAppointment().startingAt(START).build());

        dispatcher.dispatchDue();

        assertThat(notifications.get("apt-1:CONFIRMATION:SMS").status()).isEqualTo(NotificationStatus.SKIPPED);
        assertThat(notifications.get("apt-1:CONFIRMATION:SMS").reason()).isEqualTo("no phone number");
    }

    @Test
    void withoutAContactRecordItWaitsAndSendsOnceTheRecordArrives() {
        planner.booked(anAppointment().startingAt(START).build());

        dispatcher.dispatchDue();
        Notification waiting = notifications.get("apt-1:CONFIRMATION:EMAIL");
        assertThat(waiting.status()).isEqualTo(NotificationStatus.SCHEDULED);
        assertThat(waiting.nextAttemptAt()).isAfter(NOW);
        assertThat(waiting.attempts()).isZero();
        assertThat(dispatcher.dispatchDue()).as("backing off").isZero();

        contacts.saveIfNotOlder(aContact().build());
        clock.set(waiting.nextAttemptAt());
        dispatcher.dispatchDue();

        assertThat(notifications.get("apt-1:CONFIRMATION:EMAIL").status()).isEqualTo(NotificationStatus.SENT);
        assertThat(email.sent).hasSize(1);
    }

    @Test
    void givesUpAsFailedAfterTenMinutesWithoutAContactRecord() {
        planner.booked(anAppointment().startingAt(START).build());

        for (int i = 0; i < 30 && notifications.get("apt-1:CONFIRMATION:EMAIL").status()
                == NotificationStatus.SCHEDULED; i++) {
            dispatcher.dispatchDue();
            clock.set(notifications.get("apt-1:CONFIRMATION:EMAIL").nextAttemptAt());
        }

        Notification failed = notifications.get("apt-1:CONFIRMATION:EMAIL");
        assertThat(failed.status()).isEqualTo(NotificationStatus.FAILED);
        assertThat(failed.reason()).isEqualTo("no contact record");
        assertThat(clock.instant()).isBetween(NOW.plus(Duration.ofMinutes(10)), NOW.plus(Duration.ofMinutes(12)));
    }

    @Test
    void sendFailuresAreRetriedWithBackoffThenFailedAfterFiveAttempts() {
        contacts.saveIfNotOlder(aContact().channels(Channel.SMS).build());
        planner.booked(anAppointment().startingAt(START).build());
        sms.failuresLeft = 100;

        List<Duration> waits = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            dispatcher.dispatchDue();
            Notification n = notifications.get("apt-1:CONFIRMATION:SMS");
            if (n.status() == NotificationStatus.SCHEDULED) {
                waits.add(Duration.between(clock.instant(), n.nextAttemptAt()));
                clock.set(n.nextAttemptAt());
            }
        }

        Notification failed = notifications.get("apt-1:CONFIRMATION:SMS");
        assertThat(failed.status()).isEqualTo(NotificationStatus.FAILED);
        assertThat(failed.attempts()).isEqualTo(5);
        assertThat(failed.reason()).isEqualTo("SMS provider answered 503");
        assertThat(failed.failure()).isEqualTo(new Notification.Failure("RETRIES_EXHAUSTED", null));
        assertThat(waits).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8),
                Duration.ofSeconds(16));
        assertThat(sms.calls).isEqualTo(5);
        assertThat(deliveries.get("apt-1:CONFIRMATION:SMS")).satisfies(delivery -> {
            assertThat(delivery.status()).isEqualTo(DeliveryStatus.FAILED);
            assertThat(delivery.attempts()).isEqualTo(5);
            assertThat(delivery.reason()).isEqualTo("SMS provider answered 503");
        });
    }

    @Test
    void sendFailureFollowedBySuccessEndsSent() {
        contacts.saveIfNotOlder(aContact().channels(Channel.SMS).build());
        planner.booked(anAppointment().startingAt(START).build());
        sms.failuresLeft = 1;

        dispatcher.dispatchDue();
        clock.advance(Duration.ofSeconds(2));
        dispatcher.dispatchDue();

        Notification sent = notifications.get("apt-1:CONFIRMATION:SMS");
        assertThat(sent.status()).isEqualTo(NotificationStatus.SENT);
        assertThat(sent.attempts()).isEqualTo(2);
        assertThat(sent.reason()).isNull();
        assertThat(deliveries.byId).hasSize(1);
        assertThat(deliveries.get("apt-1:CONFIRMATION:SMS")).satisfies(delivery -> {
            assertThat(delivery.status()).isEqualTo(DeliveryStatus.SENT);
            assertThat(delivery.attempts()).isEqualTo(2);
            assertThat(delivery.providerMessageId()).isEqualTo("SM1");
        });
    }

    @Test
    void beforeHandingAMessageToTheProviderItIsLoggedSendingByThisInstance() {
        contacts.saveIfNotOlder(aContact().channels(Channel.SMS).build());
        planner.booked(anAppointment().startingAt(START).build());
        List<Delivery> seenByTheProvider = new ArrayList<>();
        Dispatcher watched = dispatcherSendingSmsWith(message -> {
            seenByTheProvider.add(deliveries.get("apt-1:CONFIRMATION:SMS"));
            return "SM-watched";
        });

        watched.dispatchDue();

        assertThat(seenByTheProvider).singleElement().satisfies(delivery -> {
            assertThat(delivery.status()).isEqualTo(DeliveryStatus.SENDING);
            assertThat(delivery.instanceId()).isEqualTo(watched.instanceId());
            assertThat(delivery.attempts()).isEqualTo(1);
        });
        assertThat(deliveries.get("apt-1:CONFIRMATION:SMS").status()).isEqualTo(DeliveryStatus.SENT);
    }

    @Test
    void messageAnotherInstanceAlreadySentIsNotSentAgainAndTakesItsOutcome() {
        contacts.saveIfNotOlder(aContact().channels(Channel.SMS).build());
        planner.booked(anAppointment().startingAt(START).build());
        // another instance sent it and stopped before writing the outcome to the notification
        deliveries.begin("apt-1:CONFIRMATION:SMS", Channel.SMS, "instance-b", NOW.minusSeconds(90));
        deliveries.sent("apt-1:CONFIRMATION:SMS", 1, "SM-by-b", NOW.minusSeconds(89));

        dispatcher.dispatchDue();

        assertThat(sms.calls).isZero();
        Notification sent = notifications.get("apt-1:CONFIRMATION:SMS");
        assertThat(sent.status()).isEqualTo(NotificationStatus.SENT);
        assertThat(sent.providerMessageId()).isEqualTo("SM-by-b");
        assertThat(sent.sentAt()).isEqualTo(NOW.minusSeconds(89));
    }

    @Test
    void messageLeftSendingByAStoppedInstanceIsRecordedUnknownAndNotSentAgain() {
        contacts.saveIfNotOlder(aContact().channels(Channel.SMS).build());
        planner.booked(anAppointment().startingAt(START).build());
        // another instance logged it, called the provider (or not) and died; its lease has expired since
        deliveries.begin("apt-1:CONFIRMATION:SMS", Channel.SMS, "instance-b", NOW.minusSeconds(90));

        dispatcher.dispatchDue();

        assertThat(sms.calls).isZero();
        Notification unknown = notifications.get("apt-1:CONFIRMATION:SMS");
        assertThat(unknown.status()).isEqualTo(NotificationStatus.UNKNOWN);
        assertThat(unknown.reason()).isEqualTo(Dispatcher.ABANDONED_WHILE_SENDING);
        assertThat(deliveries.get("apt-1:CONFIRMATION:SMS")).satisfies(delivery -> {
            assertThat(delivery.status()).isEqualTo(DeliveryStatus.UNKNOWN);
            assertThat(delivery.reason()).isEqualTo(Dispatcher.ABANDONED_WHILE_SENDING);
            assertThat(delivery.instanceId()).isEqualTo("instance-b");
        });
        assertThat(dispatcher.dispatchDue()).isZero();
    }

    @Test
    void retryAnotherInstanceLeftIsTakenOverWithTheAttemptCounted() {
        contacts.saveIfNotOlder(aContact().channels(Channel.SMS).build());
        planner.booked(anAppointment().startingAt(START).build());
        deliveries.begin("apt-1:CONFIRMATION:SMS", Channel.SMS, "instance-b", NOW.minusSeconds(90));
        deliveries.retry("apt-1:CONFIRMATION:SMS", 1, "SMS provider answered 429", NOW.minusSeconds(89));

        dispatcher.dispatchDue();

        assertThat(sms.sent).hasSize(1);
        assertThat(deliveries.get("apt-1:CONFIRMATION:SMS")).satisfies(delivery -> {
            assertThat(delivery.status()).isEqualTo(DeliveryStatus.SENT);
            assertThat(delivery.attempts()).isEqualTo(2);
            assertThat(delivery.instanceId()).isEqualTo(dispatcher.instanceId());
        });
        assertThat(notifications.get("apt-1:CONFIRMATION:SMS").attempts()).isEqualTo(2);
    }

    @Test
    void smsWhoseAnswerWasLostIsRecordedUnknownAndNotTriedAgain() {
        contacts.saveIfNotOlder(aContact().channels(Channel.SMS).build());
        planner.booked(anAppointment().startingAt(START).build());
        Dispatcher lossy = dispatcherSendingSmsWith(message -> {
            throw DeliveryException.outcomeUnknown("SMS provider's answer lost: SocketTimeoutException", null);
        });

        lossy.dispatchDue();
        clock.advance(Duration.ofMinutes(5));

        assertThat(lossy.dispatchDue()).isZero();
        Notification unknown = notifications.get("apt-1:CONFIRMATION:SMS");
        assertThat(unknown.status()).isEqualTo(NotificationStatus.UNKNOWN);
        assertThat(unknown.attempts()).isEqualTo(1);
        assertThat(deliveries.get("apt-1:CONFIRMATION:SMS").status()).isEqualTo(DeliveryStatus.UNKNOWN);
    }

    private Dispatcher dispatcherSendingSmsWith(SmsSender sender) {
        return new Dispatcher(notifications, deliveries, appointments, contacts, patients, clinics, policies,
                new Templates(new InMemoryStores.InMemoryMessageTemplates(), clinics, policies), email, sender,
                clock, Duration.ofMillis(250));
    }

    @Test
    void permanentFailureFailsAtOnce() {
        contacts.saveIfNotOlder(aContact().channels(Channel.SMS).build());
        planner.booked(anAppointment().startingAt(START).build());
        sms.permanentFailure = true;

        dispatcher.dispatchDue();

        Notification failed = notifications.get("apt-1:CONFIRMATION:SMS");
        assertThat(failed.status()).isEqualTo(NotificationStatus.FAILED);
        assertThat(failed.reason()).isEqualTo("SMS provider answered 400 (Twilio error 21610)");
        assertThat(failed.failure()).isEqualTo(new Notification.Failure("PROVIDER_REJECTED", "21610"));
        assertThat(sms.calls).isEqualTo(1);
    }

    @Test
    void providersRetryAfterIsHonouredWhenLongerThanTheBackoffWithoutWaitingForIt() {
        contacts.saveIfNotOlder(aContact().channels(Channel.SMS).build());
        planner.booked(anAppointment().startingAt(START).build());
        sms.failuresLeft = 1;
        sms.retryAfter = Duration.ofSeconds(30);

        dispatcher.dispatchDue();

        Notification waiting = notifications.get("apt-1:CONFIRMATION:SMS");
        assertThat(waiting.status()).isEqualTo(NotificationStatus.SCHEDULED);
        assertThat(waiting.nextAttemptAt()).isEqualTo(NOW.plusSeconds(30));
        assertThat(waiting.reason()).isEqualTo("SMS provider answered 503");
        clock.advance(Duration.ofSeconds(29));
        assertThat(dispatcher.dispatchDue()).isZero();
        clock.advance(Duration.ofSeconds(1));
        dispatcher.dispatchDue();
        assertThat(notifications.get("apt-1:CONFIRMATION:SMS").status()).isEqualTo(NotificationStatus.SENT);
    }

    @Test
    void contactThatNeverArrivesFailsWithItsCode() {
        planner.booked(anAppointment().startingAt(START).build());
        dispatcher.dispatchDue();
        clock.advance(Dispatcher.NO_CONTACT_GIVE_UP);
        dispatcher.dispatchDue();

        assertThat(notifications.get("apt-1:CONFIRMATION:EMAIL").failure())
                .isEqualTo(new Notification.Failure("NO_CONTACT", null));
    }

    @Test
    void cancellationNoticeIsSentAfterACancellation() {
        contacts.saveIfNotOlder(aContact().language("fr").build());
        planner.booked(anAppointment().startingAt(START).build());
        dispatcher.dispatchDue();
        planner.cancelled(anAppointment().startingAt(START).cancelled().revision(2).build());

        dispatcher.dispatchDue();

        assertThat(email.sent).extracting(EmailMessage::subject)
                .containsExactly("Votre rendez-vous est confirmé", "Votre rendez-vous a été annulé");
        assertThat(notifications.get("apt-1:CANCELLATION:SMS").status()).isEqualTo(NotificationStatus.SENT);
    }

    @Test
    void movedAppointmentGetsChangeNoticesAndItsRemindersAtTheNewTimeOnly() {
        contacts.saveIfNotOlder(aContact().build());
        planner.booked(anAppointment().startingAt(START).build());
        dispatcher.dispatchDue();
        clock.advance(Duration.ofHours(1));

        planner.rescheduled(anAppointment().startingAt(NEW_START).revision(2).build());
        assertThat(dispatcher.dispatchDue()).isEqualTo(2);
        assertThat(email.sent.get(1).subject()).isEqualTo("Your appointment was moved");
        assertThat(email.sent.get(1).body()).contains("was moved to Friday, July 17, 2026 at 12:00 PM");
        assertThat(sms.sent.get(1).body()).isEqualTo("Clinic: your appointment was moved to Fri Jul 17 at 12:00 PM."
                + " Reply C to confirm, X to cancel, STOP to opt out.");

        clock.set(START.minus(Duration.ofHours(24)));
        assertThat(dispatcher.dispatchDue()).as("nothing at the old reminder time").isZero();
        clock.set(NEW_START.minus(Duration.ofHours(24)));
        assertThat(dispatcher.dispatchDue()).isEqualTo(2);

        assertThat(email.sent).extracting(EmailMessage::subject).containsExactly("Your appointment is booked",
                "Your appointment was moved", "Appointment reminder");
        assertThat(email.sent.get(2).body()).contains("Friday, July 17, 2026 at 12:00 PM");
        assertThat(sms.sent).hasSize(3);
        assertThat(notifications.get("apt-1:REMINDER:SMS:PT24H:r2").status()).isEqualTo(NotificationStatus.SENT);
        assertThat(notifications.get("apt-1:REMINDER:SMS:PT24H").status()).isEqualTo(NotificationStatus.CANCELLED);
    }

    @Test
    void confirmedAppointmentStillGetsItsReminderThoughTheRevisionGrew() {
        contacts.saveIfNotOlder(aContact().build());
        planner.booked(anAppointment().startingAt(START).build());
        dispatcher.dispatchDue();
        planner.statusChanged(anAppointment().startingAt(START).status(AppointmentStatus.CONFIRMED).revision(2)
                .build());

        clock.set(START.minus(Duration.ofHours(24)));
        assertThat(dispatcher.dispatchDue()).isEqualTo(2);

        assertThat(notifications.get("apt-1:REMINDER:EMAIL:PT24H").status()).isEqualTo(NotificationStatus.SENT);
        assertThat(email.sent).extracting(EmailMessage::subject).endsWith("Appointment reminder");
    }

    @Test
    void reminderIsNotSentOnceThePatientCheckedInEvenWhenItsCancellationRaced() {
        contacts.saveIfNotOlder(aContact().build());
        planner.booked(anAppointment().startingAt(START).build());
        dispatcher.dispatchDue();
        // the projection moved on, but the reminders were not cancelled yet (handled concurrently)
        appointments.saveIfNotOlder(anAppointment().startingAt(START).status(AppointmentStatus.CHECKED_IN)
                .revision(2).build());

        clock.set(START.minus(Duration.ofHours(24)));
        dispatcher.dispatchDue();

        assertThat(notifications.get("apt-1:REMINDER:EMAIL:PT24H").status()).isEqualTo(NotificationStatus.CANCELLED);
        assertThat(notifications.get("apt-1:REMINDER:EMAIL:PT24H").reason()).isEqualTo("visit already took place");
        assertThat(email.sent).hasSize(1);
    }

    @Test
    void claimsOfASlowBatchNotBegunByHalfTheLeaseAreReleasedAndSentUnderAFreshClaim() {
        contacts.saveIfNotOlder(aContact().build());
        planner.booked(anAppointment().startingAt(START).build());
        // whichever goes first takes longer than half the lease
        email.whileSending = () -> clock.advance(Dispatcher.LEASE.dividedBy(2).plusSeconds(1));
        sms.whileSending = email.whileSending;

        assertThat(dispatcher.dispatchDue()).isEqualTo(2);

        assertThat(notifications.released).singleElement().isIn("apt-1:CONFIRMATION:SMS",
                "apt-1:CONFIRMATION:EMAIL");
        assertThat(notifications.get("apt-1:CONFIRMATION:EMAIL").status()).isEqualTo(NotificationStatus.SENT);
        assertThat(notifications.get("apt-1:CONFIRMATION:SMS").status()).isEqualTo(NotificationStatus.SENT);
        assertThat(sms.calls).isEqualTo(1);
    }

    @Test
    void emailWhoseAnswerWasLostIsRecordedUnknownAndNotTriedAgain() {
        contacts.saveIfNotOlder(aContact().channels(Channel.EMAIL).build());
        planner.booked(anAppointment().startingAt(START).build());
        email.answerLost = true;

        dispatcher.dispatchDue();
        clock.advance(Duration.ofMinutes(5));

        assertThat(dispatcher.dispatchDue()).isZero();
        assertThat(email.calls).isEqualTo(1);
        Notification unknown = notifications.get("apt-1:CONFIRMATION:EMAIL");
        assertThat(unknown.status()).isEqualTo(NotificationStatus.UNKNOWN);
        assertThat(deliveries.get("apt-1:CONFIRMATION:EMAIL").status()).isEqualTo(DeliveryStatus.UNKNOWN);
    }

    @Test
    void reminderCancelledWhileWithTheProviderIsRecordedSentWithTheCancellationNoted() {
        contacts.saveIfNotOlder(aContact().channels(Channel.SMS).build());
        planner.booked(anAppointment().startingAt(START).build());
        dispatcher.dispatchDue();
        clock.set(START.minus(Duration.ofHours(24)));
        sms.whileSending = () -> planner.cancelled(anAppointment().startingAt(START).cancelled().revision(2).build());

        dispatcher.dispatchDue();

        Notification reminder = notifications.get("apt-1:REMINDER:SMS:PT24H");
        assertThat(reminder.status()).isEqualTo(NotificationStatus.SENT);
        assertThat(reminder.providerMessageId()).isEqualTo("SM2");
        assertThat(reminder.reason()).isEqualTo(Notification.CANCELLED_WHILE_SENDING + " (appointment cancelled)");
        assertThat(deliveries.get("apt-1:REMINDER:SMS:PT24H")).satisfies(delivery -> {
            assertThat(delivery.status()).isEqualTo(DeliveryStatus.SENT);
            assertThat(delivery.providerMessageId()).isEqualTo("SM2");
        });
        assertThat(notifications.get("apt-1:CANCELLATION:SMS").status()).isEqualTo(NotificationStatus.SENT);
    }

    @Test
    void retryOfAReminderCancelledDuringTheAttemptEndsCancelledNotRetried() {
        contacts.saveIfNotOlder(aContact().channels(Channel.SMS).build());
        planner.booked(anAppointment().startingAt(START).build());
        dispatcher.dispatchDue();
        clock.set(START.minus(Duration.ofHours(24)));
        sms.failuresLeft = 1;
        sms.whileSending = () -> planner.cancelled(anAppointment().startingAt(START).cancelled().revision(2).build());

        dispatcher.dispatchDue();
        clock.advance(Duration.ofMinutes(5));
        dispatcher.dispatchDue();

        Notification reminder = notifications.get("apt-1:REMINDER:SMS:PT24H");
        assertThat(reminder.status()).isEqualTo(NotificationStatus.CANCELLED);
        assertThat(reminder.reason()).isEqualTo("appointment cancelled");
        assertThat(deliveries.get("apt-1:REMINDER:SMS:PT24H").status()).isEqualTo(DeliveryStatus.RETRY);
        assertThat(sms.sent).extracting(SmsMessage::body).noneMatch(body -> body.contains("reminder"));
    }

    @Test
    void reminderLeftSendingByAStoppedInstanceThenCancelledIsRecordedUnknownNotLeftSending() {
        contacts.saveIfNotOlder(aContact().channels(Channel.SMS).build());
        planner.booked(anAppointment().startingAt(START).build());
        dispatcher.dispatchDue();
        Instant due = START.minus(Duration.ofHours(24));
        clock.set(due);
        // instance b claims the reminder, hands it to the provider and dies before recording anything
        notifications.claimNextDue(due, Dispatcher.LEASE, "instance-b").orElseThrow();
        deliveries.begin("apt-1:REMINDER:SMS:PT24H", Channel.SMS, "instance-b", due);
        clock.advance(Duration.ofSeconds(10));
        planner.cancelled(anAppointment().startingAt(START).cancelled().revision(2).build());

        assertThat(notifications.get("apt-1:REMINDER:SMS:PT24H").status())
                .as("under b's live claim").isEqualTo(NotificationStatus.SCHEDULED);
        clock.set(due.plus(Dispatcher.LEASE).plusSeconds(1));
        dispatcher.dispatchDue();

        assertThat(sms.sent).extracting(SmsMessage::body).noneMatch(body -> body.contains("reminder"));
        Notification reminder = notifications.get("apt-1:REMINDER:SMS:PT24H");
        assertThat(reminder.status()).isEqualTo(NotificationStatus.UNKNOWN);
        assertThat(reminder.reason()).isEqualTo(Dispatcher.ABANDONED_WHILE_SENDING + "; "
                + Notification.CANCELLED_WHILE_SENDING + " (appointment cancelled)");
        assertThat(deliveries.get("apt-1:REMINDER:SMS:PT24H").status()).isEqualTo(DeliveryStatus.UNKNOWN);
    }

    @Test
    void reminderClaimedByAStoppedInstanceBeforeItsHandOverIsCancelledOnceTheLeaseExpires() {
        contacts.saveIfNotOlder(aContact().channels(Channel.SMS).build());
        planner.booked(anAppointment().startingAt(START).build());
        dispatcher.dispatchDue();
        Instant due = START.minus(Duration.ofHours(24));
        clock.set(due);
        notifications.claimNextDue(due, Dispatcher.LEASE, "instance-b").orElseThrow(); // b dies right after
        planner.cancelled(anAppointment().startingAt(START).cancelled().revision(2).build());

        clock.set(due.plus(Dispatcher.LEASE).plusSeconds(1));
        dispatcher.dispatchDue();

        Notification reminder = notifications.get("apt-1:REMINDER:SMS:PT24H");
        assertThat(reminder.status()).isEqualTo(NotificationStatus.CANCELLED);
        assertThat(reminder.reason()).isEqualTo("appointment cancelled");
        assertThat(deliveries.get("apt-1:REMINDER:SMS:PT24H")).isNull();
        assertThat(sms.sent).extracting(SmsMessage::body).noneMatch(body -> body.contains("reminder"));
    }

    static final class RecordingEmail implements EmailSender {
        final List<EmailMessage> sent = new ArrayList<>();
        boolean answerLost;
        int calls;
        /** Runs once, while the server has the next message. */
        Runnable whileSending;

        @Override
        public String send(EmailMessage message) {
            calls++;
            Runnable once = whileSending;
            whileSending = null;
            if (once != null) {
                once.run();
            }
            if (answerLost) {
                throw DeliveryException.outcomeUnknown("SMTP answer lost after the message was handed over", null);
            }
            sent.add(message);
            return "email-" + sent.size();
        }
    }

    static final class RecordingSms implements SmsSender {
        final List<SmsMessage> sent = new ArrayList<>();
        int failuresLeft;
        Duration retryAfter;
        boolean permanentFailure;
        int calls;
        /** Runs once, while the provider has the next message (before it answers). */
        Runnable whileSending;

        @Override
        public String send(SmsMessage message) {
            calls++;
            Runnable once = whileSending;
            whileSending = null;
            if (once != null) {
                once.run();
            }
            if (permanentFailure) {
                throw new DeliveryException("SMS provider answered 400 (Twilio error 21610)", "PROVIDER_REJECTED",
                        "21610", null, true, null);
            }
            if (failuresLeft > 0) {
                failuresLeft--;
                throw new DeliveryException("SMS provider answered 503", null, null, retryAfter, false, null);
            }
            sent.add(message);
            return "SM" + sent.size();
        }
    }
}
