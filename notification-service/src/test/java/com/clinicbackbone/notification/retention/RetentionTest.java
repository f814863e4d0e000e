package com.clinicbackbone.notification.retention;

import static org.assertj.core.api.Assertions.assertThat;

import com.clinicbackbone.notification.notification.MutableClock;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

/** Finished history leaves the hot collections after its period, driven by a clock the test moves. */
class RetentionTest {

    static final Instant NOW = Instant.parse("2026-07-10T12:00:00Z");

    final MongoServer server = new MongoServer(new MemoryBackend());
    final MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.bind().getPort());
    final MongoTemplate mongo = new MongoTemplate(client, "retention-test");
    final MutableClock clock = new MutableClock(NOW);

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    Retention retention(RetentionProperties properties) {
        return new Retention(mongo, properties, clock);
    }

    @Test
    void finishedNotificationsAndTheirDeliveriesMoveToTheArchiveOnceTheirPeriodHasPassed() {
        notification("apt-1:REMINDER:SMS:PT24H", "running-shoe", "SENT", NOW.minus(Duration.ofDays(1)));
        delivery("apt-1:REMINDER:SMS:PT24H");
        notification("apt-2:REMINDER:SMS:PT24H", "running-shoe", "CANCELLED", NOW.minus(Duration.ofDays(1)));
        notification("apt-3:REMINDER:SMS:PT24H", "running-shoe", "SCHEDULED", NOW.minus(Duration.ofDays(1)));
        notification("apt-4:REMINDER:SMS:PT24H", "running-shoe", "SENT", NOW.plus(Duration.ofDays(20)));
        Retention retention = retention(RetentionProperties.defaults());

        assertThat(retention.runOnce()).isEqualTo(new Retention.Result(0, 0, 0));
        clock.advance(Duration.ofDays(31));
        Retention.Result moved = retention.runOnce();

        assertThat(moved).isEqualTo(new Retention.Result(2, 1, 0));
        assertThat(ids("notifications")).containsExactlyInAnyOrder("apt-3:REMINDER:SMS:PT24H",
                "apt-4:REMINDER:SMS:PT24H");
        assertThat(ids("notifications_archive")).containsExactlyInAnyOrder("apt-1:REMINDER:SMS:PT24H",
                "apt-2:REMINDER:SMS:PT24H");
        assertThat(ids("deliveries")).isEmpty();
        assertThat(ids("deliveries_archive")).containsExactly("apt-1:REMINDER:SMS:PT24H");
        assertThat(mongo.getCollection("notifications_archive").find(new Document("_id", "apt-1:REMINDER:SMS:PT24H"))
                .first()).containsEntry("status", "SENT").containsEntry("clinicId", "running-shoe");
    }

    @Test
    void appointmentCopiesLeaveWithTheirIdsInThePatientsListAfterTheirPeriod() {
        appointmentCopy("apt-old", "pat-1", NOW.minus(Duration.ofDays(401)));
        appointmentCopy("apt-recent", "pat-1", NOW.minus(Duration.ofDays(10)));
        appointmentCopy("apt-alone", "pat-2", NOW.minus(Duration.ofDays(500)));
        mongo.getCollection("appointments").insertMany(List.of(
                new Document("_id", "patient|pat-1").append("appointments", List.of("apt-old", "apt-recent")),
                new Document("_id", "patient|pat-2").append("appointments", List.of("apt-alone"))));

        Retention.Result removed = retention(RetentionProperties.defaults()).runOnce();

        assertThat(removed.appointments()).isEqualTo(2);
        assertThat(ids("appointments")).containsExactlyInAnyOrder("apt-recent", "patient|pat-1");
        assertThat(mongo.getCollection("appointments").find(new Document("_id", "patient|pat-1")).first()
                .getList("appointments", String.class)).containsExactly("apt-recent");
    }

    @Test
    void aClinicsOwnPeriodReplacesTheDefault() {
        notification("apt-1:REMINDER:SMS:PT24H", "running-shoe", "SENT", NOW);
        notification("apt-2:REMINDER:SMS:PT24H", "integrative-pain", "SENT", NOW);
        Retention retention = retention(new RetentionProperties(Duration.ofDays(30),
                Map.of("integrative-pain", Duration.ofDays(90)), null, null, null, null));

        clock.advance(Duration.ofDays(31));
        retention.runOnce();
        assertThat(ids("notifications")).containsExactly("apt-2:REMINDER:SMS:PT24H");

        clock.advance(Duration.ofDays(60));
        retention.runOnce();
        assertThat(ids("notifications")).isEmpty();
        assertThat(ids("notifications_archive")).hasSize(2);
    }

    @Test
    void aRunInterruptedAfterCopyingIsCompletedByTheNextWithoutASecondCopy() {
        notification("apt-1:REMINDER:SMS:PT24H", "running-shoe", "SENT", NOW);
        delivery("apt-1:REMINDER:SMS:PT24H");
        // the interrupted run had copied both into the archive, and deleted neither
        mongo.getCollection("notifications_archive").insertOne(mongo.getCollection("notifications").find().first());
        mongo.getCollection("deliveries_archive").insertOne(mongo.getCollection("deliveries").find().first());
        clock.advance(Duration.ofDays(31));

        Retention.Result moved = retention(RetentionProperties.defaults()).runOnce();

        assertThat(moved).isEqualTo(new Retention.Result(1, 1, 0));
        assertThat(ids("notifications")).isEmpty();
        assertThat(ids("deliveries")).isEmpty();
        assertThat(ids("notifications_archive")).containsExactly("apt-1:REMINDER:SMS:PT24H");
        assertThat(ids("deliveries_archive")).containsExactly("apt-1:REMINDER:SMS:PT24H");
    }

    @Test
    void inboundEntriesAreRemovedAfterTheirPeriodOnceTheirEventsWerePublished() {
        inbound("SMold", NOW.minus(Duration.ofDays(8)), false);
        inbound("SMold-unpublished", NOW.minus(Duration.ofDays(8)), true);
        inbound("SMrecent", NOW.minus(Duration.ofDays(1)), false);

        assertThat(retention(RetentionProperties.defaults()).runOnce().inbound()).isEqualTo(1);

        assertThat(ids("sms_inbound")).containsExactlyInAnyOrder("SMold-unpublished", "SMrecent");
    }

    @Test
    void aFailedNotificationWhoseEventIsNotPublishedYetStaysUntilItIs() {
        notification("apt-1:REMINDER:SMS:PT24H", "running-shoe", "FAILED", NOW);
        notification("apt-2:REMINDER:SMS:PT24H", "running-shoe", "FAILED", NOW);
        notification("apt-3:REMINDER:SMS:PT24H", "running-shoe", "FAILED", NOW);
        Document event = new Document("topic", "clinic.notifications.v1").append("payload", "{}");
        outbox("notifications", "apt-1:REMINDER:SMS:PT24H", new Document("outbox", List.of(event))
                .append("outboxPending", true));
        outbox("notifications", "apt-2:REMINDER:SMS:PT24H", new Document("outbox", List.of(event))
                .append("outboxPending", false).append("outboxRelaying", "relay-1/token"));
        clock.advance(Duration.ofDays(31));

        assertThat(retention(RetentionProperties.defaults()).runOnce().notifications()).isEqualTo(1);

        assertThat(ids("notifications")).containsExactlyInAnyOrder("apt-1:REMINDER:SMS:PT24H",
                "apt-2:REMINDER:SMS:PT24H");
        assertThat(ids("notifications_archive")).containsExactly("apt-3:REMINDER:SMS:PT24H");
    }

    @Test
    void anInboundEntryARelayIsPublishingRightNowIsNotRemoved() {
        inbound("SMrelaying", NOW.minus(Duration.ofDays(8)), false);
        outbox("sms_inbound", "SMrelaying", new Document("outbox", List.of(new Document("payload", "{}")))
                .append("outboxRelaying", "relay-1/token"));
        inbound("SMleft-entry", NOW.minus(Duration.ofDays(8)), false);
        outbox("sms_inbound", "SMleft-entry", new Document("outbox", List.of(new Document("payload", "{}"))));

        assertThat(retention(RetentionProperties.defaults()).runOnce().inbound()).isZero();

        assertThat(ids("sms_inbound")).containsExactlyInAnyOrder("SMrelaying", "SMleft-entry");
    }

    @Test
    void closedDueBucketsAreRemovedAfterADayAndNothingElseOfTheBuckets() {
        var notifications = mongo.getCollection("notifications");
        notifications.insertOne(new Document("_id", "due|2026-07-09T11:58:00Z|3").append("closed", true)
                .append("entries", List.of()).append("v", 1));
        notifications.insertOne(new Document("_id", "due|2026-07-09T12:01:00Z|3").append("closed", true)
                .append("entries", List.of()).append("v", 1));
        notifications.insertOne(new Document("_id", "due|2026-07-09T11:59:00Z|4").append("closed", null)
                .append("entries", List.of("1783598340000 apt-9:REMINDER:SMS:PT24H")).append("v", 1));
        notifications.insertOne(new Document("_id", "due|cursor").append("minute", 29_645_000L).append("v", 3));

        retention(RetentionProperties.defaults()).runOnce();

        assertThat(ids("notifications")).containsExactlyInAnyOrder("due|2026-07-09T12:01:00Z|3",
                "due|2026-07-09T11:59:00Z|4", "due|cursor");
    }

    @Test
    void batchesAreBoundedAndTheRunMovesEverythingDueInSeveral() {
        for (int i = 0; i < 25; i++) {
            notification("apt-" + i + ":CONFIRMATION:EMAIL", "running-shoe", "SENT", NOW);
        }
        clock.advance(Duration.ofDays(31));

        Retention.Result moved = retention(new RetentionProperties(null, null, null, null, 10, null)).runOnce();

        assertThat(moved.notifications()).isEqualTo(25);
        assertThat(ids("notifications")).isEmpty();
    }

    private void notification(String id, String clinicId, String status, Instant visit) {
        Instant due = visit.minus(Duration.ofDays(1));
        mongo.getCollection("notifications").insertOne(new Document("_id", id).append("appointmentId", id.split(":")[0])
                .append("patientId", "pat-1").append("clinicId", clinicId).append("kind", "REMINDER")
                .append("channel", "SMS").append("status", status).append("dueAt", Date.from(due))
                .append("nextAttemptAt", Date.from(due)).append("appointmentStart", Date.from(visit))
                .append("attempts", 1).append("appointmentRevision", 1L));
    }

    private void delivery(String notificationId) {
        mongo.getCollection("deliveries").insertOne(new Document("_id", notificationId).append("channel", "SMS")
                .append("status", "SENT").append("attempts", 1).append("providerMessageId", "SM-" + notificationId));
    }

    private void inbound(String sid, Instant receivedAt, boolean pending) {
        mongo.getCollection("sms_inbound").insertOne(new Document("_id", sid).append("receivedAt", Date.from(receivedAt))
                .append("outcome", "HELP").append("outbox", List.of()).append("outboxPending", pending));
    }

    private void outbox(String collection, String id, Document fields) {
        mongo.getCollection(collection).updateOne(new Document("_id", id), new Document("$set", fields));
    }

    /** An appointment copy as notification-service's MongoAppointments stores it. */
    private void appointmentCopy(String id, String patientId, Instant end) {
        mongo.getCollection("appointments").insertOne(new Document("_id", id).append("patientId", patientId)
                .append("clinicId", "running-shoe").append("start", Date.from(end.minus(Duration.ofMinutes(30))))
                .append("end", Date.from(end)).append("status", "COMPLETED").append("v", 1));
    }

    private List<String> ids(String collection) {
        return mongo.getCollection(collection).find().map(document -> document.getString("_id"))
                .into(new java.util.ArrayList<>());
    }
}
