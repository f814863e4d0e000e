package com.clinicbackbone.notification.notification.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.clinicbackbone.notification.contact.Channel;
import com.clinicbackbone.notification.notification.Notification;
import com.clinicbackbone.notification.notification.NotificationKind;
import com.clinicbackbone.notification.notification.NotificationStatus;
import com.clinicbackbone.notification.notification.Notifications.Claim;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.json.JsonMapper;

/** The conditional writes the dispatcher relies on, against the MongoDB wire protocol. */
class MongoNotificationsTest {

    static final Instant NOW = Instant.parse("2026-07-10T12:00:00Z");
    static final Duration LEASE = Duration.ofMinutes(1);

    final MongoServer server = new MongoServer(new MemoryBackend());
    final MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.bind().getPort());
    final MongoTemplate template = new MongoTemplate(client, "notifications-test");
    final MongoNotifications notifications = new MongoNotifications(template, JsonMapper.builder().build(),
            Clock.fixed(NOW, ZoneOffset.UTC));

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void addingTheSameNotificationTwiceKeepsTheFirst() {
        assertThat(notifications.addIfAbsent(scheduled("apt-1", NotificationKind.CONFIRMATION, NOW))).isTrue();
        assertThat(notifications.addIfAbsent(scheduled("apt-1", NotificationKind.CONFIRMATION, NOW.plusSeconds(60))))
                .isFalse();

        assertThat(notifications.find("apt-1", null)).singleElement()
                .satisfies(n -> assertThat(n.dueAt()).isEqualTo(NOW));
    }

    @Test
    void aClaimIsExclusiveUntilItsLeaseExpires() {
        notifications.addIfAbsent(scheduled("apt-1", NotificationKind.CONFIRMATION, NOW));

        Optional<Claim> first = notifications.claimNextDue(NOW, LEASE, "instance-a");
        Optional<Claim> second = notifications.claimNextDue(NOW.plusSeconds(30), LEASE, "instance-a");
        Optional<Claim> afterExpiry = notifications.claimNextDue(NOW.plus(LEASE).plusSeconds(1), LEASE, "instance-a");

        assertThat(first).isPresent();
        assertThat(second).isEmpty();
        assertThat(afterExpiry).isPresent();
        assertThat(notifications.complete(first.get(), first.get().notification()))
                .as("the first claim was taken over").isFalse();
        assertThat(notifications.complete(afterExpiry.get(), afterExpiry.get().notification())).isTrue();
    }

    @Test
    void aBatchClaimTakesTheEarliestDueOnesEachUnderItsHoldersLease() {
        notifications.addIfAbsent(scheduled("apt-2", NotificationKind.CONFIRMATION, NOW.minusSeconds(5)));
        notifications.addIfAbsent(scheduled("apt-1", NotificationKind.CONFIRMATION, NOW.minusSeconds(10)));
        notifications.addIfAbsent(scheduled("apt-3", NotificationKind.CONFIRMATION, NOW.minusSeconds(1)));
        notifications.addIfAbsent(scheduled("apt-4", NotificationKind.REMINDER, NOW.plusSeconds(10)));

        List<Claim> first = notifications.claimDue(NOW, LEASE, "instance-a", 2);
        List<Claim> second = notifications.claimDue(NOW, LEASE, "instance-b", 2);

        assertThat(first).extracting(c -> c.notification().appointmentId()).containsExactly("apt-1", "apt-2");
        assertThat(first).allSatisfy(c -> assertThat(c.token()).startsWith("instance-a/"));
        assertThat(second).extracting(c -> c.notification().appointmentId()).containsExactly("apt-3");
        assertThat(notifications.claimDue(NOW, LEASE, "instance-b", 2)).isEmpty();
    }

    @Test
    void claimsOnlyDueNotificationsEarliestFirst() {
        notifications.addIfAbsent(scheduled("apt-2", NotificationKind.CONFIRMATION, NOW.minusSeconds(5)));
        notifications.addIfAbsent(scheduled("apt-1", NotificationKind.CONFIRMATION, NOW.minusSeconds(10)));
        notifications.addIfAbsent(scheduled("apt-3", NotificationKind.REMINDER, NOW.plusSeconds(10)));

        assertThat(notifications.claimNextDue(NOW, LEASE, "instance-a")).get()
                .satisfies(c -> assertThat(c.notification().appointmentId()).isEqualTo("apt-1"));
        assertThat(notifications.claimNextDue(NOW, LEASE, "instance-a")).get()
                .satisfies(c -> assertThat(c.notification().appointmentId()).isEqualTo("apt-2"));
        assertThat(notifications.claimNextDue(NOW, LEASE, "instance-a")).isEmpty();
    }

    @Test
    void cancellingCancelsWhatNoClaimProtectsAtOnce() {
        notifications.addIfAbsent(scheduled("apt-1", NotificationKind.REMINDER, NOW.plusSeconds(3600)));

        notifications.cancelScheduled(List.of(reminderOf("apt-1")), "appointment cancelled");

        Notification stored = notifications.find("apt-1", null).get(0);
        assertThat(stored.status()).isEqualTo(NotificationStatus.CANCELLED);
        assertThat(stored.reason()).isEqualTo("appointment cancelled");
        assertThat(notifications.claimNextDue(NOW.plusSeconds(7200), LEASE, "instance-a")).isEmpty();
    }

    @Test
    void messageSentWhileItsCancellationArrivedIsStoredSentWithTheCancellationNoted() {
        notifications.addIfAbsent(scheduled("apt-1", NotificationKind.REMINDER, NOW));
        Claim claim = notifications.claimNextDue(NOW, LEASE, "instance-a").orElseThrow();

        notifications.cancelScheduled(List.of(reminderOf("apt-1")), "appointment cancelled");

        assertThat(notifications.find("apt-1", null).get(0).status()).as("its holder settles it")
                .isEqualTo(NotificationStatus.SCHEDULED);
        assertThat(notifications.complete(claim, withStatus(claim.notification(), NotificationStatus.SENT))).isTrue();
        Notification stored = notifications.find("apt-1", null).get(0);
        assertThat(stored.status()).isEqualTo(NotificationStatus.SENT);
        assertThat(stored.providerMessageId()).isEqualTo("provider-1");
        assertThat(stored.reason()).isEqualTo(Notification.CANCELLED_WHILE_SENDING + " (appointment cancelled)");
        assertThat(template.findById(stored.id(), org.bson.Document.class, "notifications"))
                .doesNotContainKey("cancelRequested");
    }

    @Test
    void retryOutcomeOfAMessageCancelledMeanwhileIsStoredCancelled() {
        notifications.addIfAbsent(scheduled("apt-1", NotificationKind.REMINDER, NOW));
        Claim claim = notifications.claimNextDue(NOW, LEASE, "instance-a").orElseThrow();
        notifications.cancelScheduled(List.of(reminderOf("apt-1")), "appointment cancelled");

        assertThat(notifications.complete(claim, withStatus(claim.notification(), NotificationStatus.SCHEDULED)))
                .isTrue();

        Notification stored = notifications.find("apt-1", null).get(0);
        assertThat(stored.status()).isEqualTo(NotificationStatus.CANCELLED);
        assertThat(stored.reason()).isEqualTo("appointment cancelled");
        assertThat(notifications.claimNextDue(NOW.plus(LEASE).plusSeconds(1), LEASE, "instance-a")).isEmpty();
    }

    @Test
    void claimAfterAnExpiredLeaseIsATakeOverCarryingTheCancellationRequestedMeanwhile() {
        notifications.addIfAbsent(scheduled("apt-1", NotificationKind.REMINDER, NOW));
        notifications.addIfAbsent(scheduled("apt-2", NotificationKind.REMINDER, NOW));
        assertThat(notifications.claimDue(NOW, LEASE, "instance-a", 5)).hasSize(2)
                .allSatisfy(claim -> assertThat(claim.takenOver()).isFalse()); // a stops without an outcome
        notifications.cancelScheduled(List.of(reminderOf("apt-1")), "appointment cancelled");

        List<Claim> takenOver = notifications.claimDue(NOW.plus(LEASE).plusSeconds(1), LEASE, "instance-b", 5);

        assertThat(takenOver).extracting(claim -> claim.notification().appointmentId(), Claim::takenOver,
                Claim::cancelRequested).containsExactlyInAnyOrder(tuple("apt-1", true, "appointment cancelled"),
                tuple("apt-2", true, null));
        assertThat(takenOver).allSatisfy(claim -> assertThat(claim.token()).startsWith("instance-b/"));
    }

    @Test
    void releasedClaimsAreFreeAtOnceAndNotTakenOver() {
        notifications.addIfAbsent(scheduled("apt-1", NotificationKind.REMINDER, NOW));
        notifications.addIfAbsent(scheduled("apt-2", NotificationKind.REMINDER, NOW));
        List<Claim> claims = notifications.claimDue(NOW, LEASE, "instance-a", 5);

        notifications.release(claims.subList(1, 2));

        assertThat(notifications.claimDue(NOW, LEASE, "instance-b", 5)).singleElement().satisfies(claim -> {
            assertThat(claim.notification().id()).isEqualTo(claims.get(1).notification().id());
            assertThat(claim.takenOver()).isFalse();
        });
    }

    @Test
    void withdrawingAnErasureAlsoWithdrawsItsRequestedCancellation() {
        notifications.addIfAbsent(scheduled("apt-1", NotificationKind.REMINDER, NOW));
        Claim claim = notifications.claimNextDue(NOW, LEASE, "instance-a").orElseThrow();
        notifications.cancelScheduled(List.of(reminderOf("apt-1")), "patient erased");

        notifications.rescheduleCancelled(List.of(reminderOf("apt-1")), "patient erased");

        assertThat(notifications.complete(claim, withStatus(claim.notification(), NotificationStatus.SENT))).isTrue();
        Notification stored = notifications.find("apt-1", null).get(0);
        assertThat(stored.status()).isEqualTo(NotificationStatus.SENT);
        assertThat(stored.reason()).isNull();
    }

    @Test
    void completedOutcomeIsStoredAndFoundByPatientInDueOrder() {
        notifications.addIfAbsent(scheduled("apt-1", NotificationKind.REMINDER, NOW.plusSeconds(3600)));
        notifications.addIfAbsent(scheduled("apt-1", NotificationKind.CONFIRMATION, NOW));
        Claim claim = notifications.claimNextDue(NOW, LEASE, "instance-a").orElseThrow();

        assertThat(notifications.complete(claim, withStatus(claim.notification(), NotificationStatus.SENT))).isTrue();
        assertThat(notifications.recordDeliveryStatus(claim.notification().id(), null,
                com.clinicbackbone.notification.delivery.ProviderStatus.DELIVERED, NOW.plusSeconds(5))).isPresent();

        List<Notification> found = notifications.find(null, "pat-1");
        assertThat(found).extracting(Notification::kind)
                .containsExactly(NotificationKind.CONFIRMATION, NotificationKind.REMINDER);
        assertThat(found.get(0).status()).isEqualTo(NotificationStatus.SENT);
        assertThat(found.get(0).sentAt()).isEqualTo(NOW);
        assertThat(found.get(0).deliveryStatus()).isEqualTo("delivered");
        assertThat(found.get(0).deliveredAt()).isEqualTo(NOW.plusSeconds(5));
        assertThat(notifications.claimNextDue(NOW, LEASE, "instance-a")).isEmpty();
    }

    @Test
    void cancellingByIdLeavesOtherNotificationsAndFinishedOnesAlone() {
        notifications.addIfAbsent(scheduled("apt-1", NotificationKind.CONFIRMATION, NOW));
        notifications.addIfAbsent(scheduled("apt-1", NotificationKind.REMINDER, NOW.plusSeconds(3600)));
        notifications.addIfAbsent(scheduled("apt-2", "pat-2", NotificationKind.REMINDER, NOW.plusSeconds(3600)));
        Claim claim = notifications.claimNextDue(NOW, LEASE, "instance-a").orElseThrow();
        notifications.complete(claim, withStatus(claim.notification(), NotificationStatus.SENT));

        notifications.cancelScheduled(List.of(claim.notification().id(), reminderOf("apt-1")), "patient erased");

        assertThat(notifications.find(null, "pat-1")).extracting(Notification::status, Notification::reason)
                .containsExactly(Tuple.tuple(NotificationStatus.SENT, null),
                        Tuple.tuple(NotificationStatus.CANCELLED, "patient erased"));
        assertThat(notifications.find(null, "pat-2")).singleElement()
                .satisfies(n -> assertThat(n.status()).isEqualTo(NotificationStatus.SCHEDULED));
    }

    @Test
    void reassigningMovesEveryNotificationAndReschedulingRevivesOnlyThoseCancelledForTheReason() {
        notifications.addIfAbsent(scheduled("apt-1", NotificationKind.REMINDER, NOW));
        notifications.addIfAbsent(scheduled("apt-2", NotificationKind.REMINDER, NOW));
        // due at the same moment: an instance takes those in an order of its own
        String claimed = notifications.claimNextDue(NOW, LEASE, "instance-a").orElseThrow().notification()
                .appointmentId();
        String other = claimed.equals("apt-1") ? "apt-2" : "apt-1";
        notifications.cancelScheduled(List.of(reminderOf("apt-1"), reminderOf("apt-2")), "patient erased");
        notifications.addIfAbsent(scheduled("apt-3", NotificationKind.REMINDER, NOW));
        notifications.cancelScheduled(List.of(reminderOf("apt-3")), "appointment cancelled");
        List<String> ofThePatient = List.of(reminderOf("apt-1"), reminderOf("apt-2"), reminderOf("apt-3"));

        notifications.reassignPatient(ofThePatient, "pat-9");
        notifications.rescheduleCancelled(ofThePatient, "patient erased");

        assertThat(notifications.find(null, "pat-1")).isEmpty();
        assertThat(notifications.find(null, "pat-9")).extracting(Notification::appointmentId, Notification::status)
                .containsExactlyInAnyOrder(
                        Tuple.tuple("apt-1", NotificationStatus.SCHEDULED),
                        Tuple.tuple("apt-2", NotificationStatus.SCHEDULED),
                        Tuple.tuple("apt-3", NotificationStatus.CANCELLED));
        assertThat(notifications.claimNextDue(NOW, LEASE, "instance-a")).get()
                .extracting(claim -> claim.notification().appointmentId()).isEqualTo(other);
        assertThat(notifications.claimNextDue(NOW, LEASE, "instance-a"))
                .as(claimed + " was never taken from the claim in progress").isEmpty();
    }

    @Test
    void cancellingByIdTouchesOnlyThoseStillScheduled() {
        notifications.addIfAbsent(planned("apt-1", NotificationKind.REMINDER, Channel.EMAIL, 1));
        notifications.addIfAbsent(planned("apt-1", NotificationKind.REMINDER, Channel.SMS, 1));
        notifications.addIfAbsent(planned("apt-1", NotificationKind.REMINDER, Channel.EMAIL, 2));
        notifications.addIfAbsent(planned("apt-1", NotificationKind.CHANGE, Channel.EMAIL, 1));
        notifications.addIfAbsent(planned("apt-2", NotificationKind.REMINDER, Channel.EMAIL, 1));
        Claim sms = notifications.claimNextDue(NOW, LEASE, "instance-a").orElseThrow(); // the only one due now
        notifications.complete(sms, withStatus(sms.notification(), NotificationStatus.SENT));

        notifications.cancelScheduled(List.of("apt-1:REMINDER:EMAIL:r1", sms.notification().id()), "appointment moved");

        assertThat(notifications.find(null, "pat-1"))
                .extracting(Notification::id, Notification::status, Notification::reason)
                .containsExactlyInAnyOrder(
                        Tuple.tuple("apt-1:REMINDER:EMAIL:r1", NotificationStatus.CANCELLED, "appointment moved"),
                        Tuple.tuple(sms.notification().id(), NotificationStatus.SENT, null),
                        Tuple.tuple("apt-1:REMINDER:EMAIL:r2", NotificationStatus.SCHEDULED, null),
                        Tuple.tuple("apt-1:CHANGE:EMAIL:r1", NotificationStatus.SCHEDULED, null),
                        Tuple.tuple("apt-2:REMINDER:EMAIL:r1", NotificationStatus.SCHEDULED, null));
    }

    @Test
    void failedOutcomeKeepsItsCodeAndPutsAnEventWithIdsOnlyIntoTheOutboxInTheSameWrite() {
        notifications.addIfAbsent(scheduled("apt-1", NotificationKind.REMINDER, NOW));
        Claim claim = notifications.claimNextDue(NOW, LEASE, "instance-a").orElseThrow();
        Notification n = claim.notification();
        Notification failed = new Notification(n.id(), n.appointmentId(), n.patientId(), n.clinicId(), n.kind(),
                n.channel(), NotificationStatus.FAILED, n.dueAt(), null, "SMS provider answered 400 (Twilio error 21211)",
                1, null, null, n.nextAttemptAt(), n.appointmentRevision(), n.appointmentStart(), null,
                new Notification.Failure(Notification.Failure.PROVIDER_REJECTED, "21211"));

        assertThat(notifications.complete(claim, failed)).isTrue();

        assertThat(notifications.find("apt-1", null)).singleElement()
                .satisfies(stored -> assertThat(stored.failure()).isEqualTo(failed.failure()));
        org.bson.Document document = template.findById(n.id(), org.bson.Document.class, "notifications");
        assertThat(document.getBoolean("outboxPending")).isTrue();
        org.bson.Document entry = document.getList("outbox", org.bson.Document.class).get(0);
        assertThat(entry.getString("topic")).isEqualTo("clinic.notifications.v1");
        assertThat(entry.getString("type")).isEqualTo("clinic.notification.failed.v1");
        assertThat(entry.getString("subject")).isEqualTo(n.id());
        assertThat(entry.getString("payload")).contains("\"reasonCode\":\"PROVIDER_REJECTED\"",
                "\"providerErrorCode\":\"21211\"", "\"appointmentId\":\"apt-1\"", "\"channel\":\"EMAIL\"")
                .doesNotContain("@", "+1");
    }

    static String reminderOf(String appointmentId) {
        return Notification.idOf(appointmentId, NotificationKind.REMINDER, Channel.EMAIL);
    }

    static Notification planned(String appointmentId, NotificationKind kind, Channel channel, long revision) {
        Instant due = NOW.plusSeconds(channel == Channel.SMS ? 0 : 3600);
        return new Notification(Notification.idOf(appointmentId, kind, channel, revision), appointmentId, "pat-1",
                "running-shoe", kind, channel, NotificationStatus.SCHEDULED, due, null, null, 0, null, null, due,
                revision, due.plusSeconds(86_400), null, null);
    }

    static Notification scheduled(String appointmentId, NotificationKind kind, Instant due) {
        return scheduled(appointmentId, "pat-1", kind, due);
    }

    static Notification scheduled(String appointmentId, String patientId, NotificationKind kind, Instant due) {
        return new Notification(Notification.idOf(appointmentId, kind, Channel.EMAIL), appointmentId, patientId,
                "running-shoe", kind, Channel.EMAIL, NotificationStatus.SCHEDULED, due, null, null, 0, null, null,
                due, 1, due.plusSeconds(86_400), null, null);
    }

    static Notification withStatus(Notification n, NotificationStatus status) {
        return new Notification(n.id(), n.appointmentId(), n.patientId(), n.clinicId(), n.kind(), n.channel(), status,
                n.dueAt(), NOW, null, 1, "provider-1", null, n.nextAttemptAt(), n.appointmentRevision(),
                n.appointmentStart(), null, null);
    }
}
