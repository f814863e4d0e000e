package com.clinicbackbone.notification.notification.persistence;

import static com.clinicbackbone.notification.notification.persistence.MongoNotificationsTest.scheduled;
import static com.clinicbackbone.notification.notification.persistence.MongoNotificationsTest.withStatus;
import static org.assertj.core.api.Assertions.assertThat;

import com.clinicbackbone.messaging.testing.MongoRoundTrips;
import com.clinicbackbone.notification.notification.Notification;
import com.clinicbackbone.notification.notification.NotificationKind;
import com.clinicbackbone.notification.notification.NotificationStatus;
import com.clinicbackbone.notification.notification.Notifications.Claim;
import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dispatcher's due work filed under minute buckets, two instances over one database (each an adapter of its
 * own, with only what it wrote or read in memory): what one files the other finds by key, a stopped instance's
 * claim is taken over from the buckets, retries are filed again, finished minutes are deleted and the cursor moves
 * on, and an idle look for due work is one read by key, whatever history is stored.
 */
class DueBucketsTest {

    static final Instant NOW = Instant.parse("2026-07-10T12:00:10Z");
    static final Duration LEASE = Duration.ofMinutes(1);
    static final String DATABASE = "due-buckets-test";

    final MongoServer server = new MongoServer(new MemoryBackend());
    final String uri = "mongodb://127.0.0.1:" + server.bind().getPort();
    final MongoRoundTrips roundTrips = new MongoRoundTrips();
    final MongoClient clientA = MongoClients.create(uri);
    final MongoClient clientB = MongoClients.create(MongoClientSettings.builder()
            .applyConnectionString(new ConnectionString(uri)).addCommandListener(roundTrips).build());
    final MongoTemplate templateA = new MongoTemplate(clientA, DATABASE);
    final MongoNotifications instanceA = instance(clientA, NOW);
    final MongoNotifications instanceB = instance(clientB, NOW);

    @AfterEach
    void stop() {
        clientA.close();
        clientB.close();
        server.shutdownNow();
    }

    static MongoNotifications instance(MongoClient client, Instant now) {
        return new MongoNotifications(new MongoTemplate(client, DATABASE), JsonMapper.builder().build(),
                Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void whatOneInstanceFiledTheOtherClaimsOnceItIsDue() {
        instanceA.addIfAbsent(scheduled("apt-1", NotificationKind.REMINDER, NOW.plusSeconds(30)));

        assertThat(instanceB.claimDue(NOW, LEASE, "instance-b", 10)).isEmpty();
        assertThat(instanceB.claimDue(NOW.plusSeconds(30), LEASE, "instance-b", 10)).singleElement()
                .satisfies(claim -> assertThat(claim.notification().appointmentId()).isEqualTo("apt-1"));
        assertThat(instanceA.claimDue(NOW.plusSeconds(30), LEASE, "instance-a", 10)).as("claimed once").isEmpty();
    }

    @Test
    void aClaimLeftByAStoppedInstanceIsTakenOverFromTheBucketsOnceItsLeaseExpired() {
        instanceA.addIfAbsent(scheduled("apt-1", NotificationKind.REMINDER, NOW));
        assertThat(instanceA.claimDue(NOW, LEASE, "instance-a", 10)).hasSize(1); // and instance A stops

        assertThat(instanceB.claimDue(NOW.plusSeconds(30), LEASE, "instance-b", 10)).isEmpty();
        assertThat(instanceB.claimDue(NOW.plus(LEASE).plusSeconds(1), LEASE, "instance-b", 10)).singleElement()
                .satisfies(claim -> {
                    assertThat(claim.takenOver()).isTrue();
                    assertThat(claim.token()).startsWith("instance-b/");
                });
    }

    @Test
    void aRetryIsFiledUnderItsNewTimeSoThatAnyInstanceFindsItThenAndNotBefore() {
        instanceA.addIfAbsent(scheduled("apt-1", NotificationKind.REMINDER, NOW));
        Claim claim = instanceA.claimDue(NOW, LEASE, "instance-a", 10).get(0);
        Instant later = NOW.plus(Duration.ofMinutes(5));
        Notification retry = withNextAttempt(claim.notification(), later);

        assertThat(instanceA.complete(claim, retry)).isTrue();

        assertThat(instanceA.claimDue(NOW.plus(Duration.ofMinutes(1)), LEASE, "instance-a", 10)).isEmpty();
        assertThat(instance(clientB, later).claimDue(later, LEASE, "instance-c", 10)).as("a fresh instance")
                .singleElement().satisfies(again -> assertThat(again.notification().nextAttemptAt()).isEqualTo(later));
    }

    @Test
    void finishedMinutesHaveTheirBucketsClosedAndTheCursorMovesPastThem() {
        instanceA.addIfAbsent(scheduled("apt-1", NotificationKind.REMINDER, NOW));
        Claim claim = instanceA.claimDue(NOW, LEASE, "instance-a", 10).get(0);
        instanceA.complete(claim, withStatus(claim.notification(), NotificationStatus.SENT));
        assertThat(buckets()).isNotEmpty().noneMatch(bucket -> Boolean.TRUE.equals(bucket.get(DueIndex.CLOSED)));

        instanceA.claimDue(NOW.plus(Duration.ofMinutes(5)), LEASE, "instance-a", 10);

        assertThat(buckets()).as("every bucket of the finished minutes, closed and empty")
                .hasSize(DueIndex.SHARDS * 3).allSatisfy(bucket -> {
                    assertThat(bucket.get(DueIndex.CLOSED)).isEqualTo(true);
                    assertThat(bucket.getList(DueIndex.ENTRIES, String.class)).isEmpty();
                });
        Document cursor = templateA.getCollection("notifications").find(new Document("_id", DueIndex.CURSOR)).first();
        assertThat(((Number) cursor.get("minute")).longValue())
                .isGreaterThan(DueIndex.minuteOf(NOW)).isLessThanOrEqualTo(DueIndex.minuteOf(NOW.plusSeconds(180)));
    }

    @Test
    void aNotificationFiledByAnInstanceWhoseClockIsThreeMinutesBehindIsStillSent() {
        instanceA.claimDue(NOW, LEASE, "instance-a", 10); // instance A knows the cursor: this minute
        Instant ahead = NOW.plus(Duration.ofMinutes(3));
        instance(clientB, ahead).claimDue(ahead, LEASE, "instance-b", 10); // B's clock: the minute is finished
        assertThat(cursorMinute()).isGreaterThan(DueIndex.minuteOf(NOW));
        instanceA.claimDue(NOW.plusSeconds(1), LEASE, "instance-a", 10); // A reads the cursor B moved

        instanceA.addIfAbsent(scheduled("apt-late", NotificationKind.CONFIRMATION, NOW)); // due now by A's clock

        assertThat(instanceA.claimDue(NOW.plusSeconds(2), LEASE, "instance-a", 10)).singleElement()
                .satisfies(claim -> assertThat(claim.notification().appointmentId()).isEqualTo("apt-late"));
    }

    @Test
    void aFilingThatLandsAfterTheCursorPassedItsMinuteIsFiledAboveItAndAnyInstanceSendsIt() {
        MongoNotifications slow = new MongoNotifications(new MongoTemplate(clientA, DATABASE),
                JsonMapper.builder().build(), Clock.fixed(NOW, ZoneOffset.UTC), null, Duration.ofHours(1));
        slow.claimDue(NOW, LEASE, "instance-slow", 10); // reads the cursor (this minute), not again for an hour
        Instant later = NOW.plus(Duration.ofMinutes(3));
        instance(clientB, later).claimDue(later, LEASE, "instance-b", 10); // the minute is finished meanwhile

        slow.addIfAbsent(scheduled("apt-slow", NotificationKind.CONFIRMATION, NOW)); // and the slow instance stops

        assertThat(instance(clientB, later).claimDue(later.plusSeconds(1), LEASE, "instance-c", 10)).singleElement()
                .satisfies(claim -> assertThat(claim.notification().appointmentId()).isEqualTo("apt-slow"));
        assertThat(buckets()).filteredOn(bucket -> Boolean.TRUE.equals(bucket.get(DueIndex.CLOSED)))
                .as("nothing was filed into a closed bucket").isNotEmpty()
                .allSatisfy(bucket -> assertThat(bucket.getList(DueIndex.ENTRIES, String.class)).isEmpty());
    }

    @Test
    void anInstanceStartingWhileTheDatabaseHasACursorFilesWhatAnEarlierVersionPlannedMeanwhile() {
        instanceA.claimDue(NOW, LEASE, "instance-a", 10); // the first instance of the new version: the cursor
        instanceA.addIfAbsent(scheduled("apt-filed", NotificationKind.REMINDER, NOW.plusSeconds(40)));
        Document old = new Document(); // planned by an instance of the earlier version, which files nothing
        templateA.getConverter().write(scheduled("apt-old", NotificationKind.CONFIRMATION, NOW.minusSeconds(5)), old);
        templateA.getCollection("notifications").insertOne(old);

        assertThat(instanceB.claimDue(NOW, LEASE, "instance-b", 10)).singleElement()
                .satisfies(claim -> assertThat(claim.notification().appointmentId()).isEqualTo("apt-old"));
        assertThat(buckets()).flatExtracting(bucket -> bucket.getList(DueIndex.ENTRIES, String.class))
                .as("what was filed already is not filed again")
                .filteredOn(value -> value.contains("apt-filed")).hasSize(1);
    }

    @Test
    void afterAnOutageTheWalkFromTheCursorIsBoundedAndWhatIsDueNowIsFoundAtOnce() {
        instanceA.claimDue(NOW, LEASE, "instance-a", 10); // the cursor: this minute
        instanceA.addIfAbsent(scheduled("apt-before", NotificationKind.REMINDER, NOW.plusSeconds(60)));
        Instant back = NOW.plus(Duration.ofHours(5)); // nobody ran meanwhile
        instance(clientA, back).addIfAbsent(scheduled("apt-now", NotificationKind.CONFIRMATION, back));

        roundTrips.reset();
        List<Claim> claims = instance(clientB, back).claimDue(back, LEASE, "instance-b", 10);

        assertThat(claims).extracting(claim -> claim.notification().appointmentId())
                .containsExactlyInAnyOrder("apt-before", "apt-now");
        assertThat(roundTrips.commands(command -> command.filter().isDocument("_id")
                && command.filter().toJson().contains(DueIndex.CURSOR))).isNotEmpty()
                .allSatisfy(read -> assertThat(read.filter().getDocument("_id").getArray("$in"))
                        .as("at most %d minutes of buckets", DueIndex.MAX_MINUTES_PER_READ + 3)
                        .hasSizeLessThanOrEqualTo((DueIndex.MAX_MINUTES_PER_READ + 3) * DueIndex.SHARDS + 1));
        assertThat(roundTrips.commands(DueBucketsTest::startUpSearch)).as("the instance's start: one search").hasSize(1);
        roundTrips.assertKeyLookupsOnly(clientB.getDatabase(DATABASE),
                roundTrips.commands(command -> !startUpSearch(command)));
    }

    @Test
    void lookingForDueWorkWhenIdleIsOneReadByKeyWhateverHistoryIsStored() {
        List<Notification> history = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            history.add(withStatus(scheduled("apt-past-" + i, NotificationKind.REMINDER,
                    NOW.minus(Duration.ofDays(30)).plusSeconds(i)), NotificationStatus.SENT));
        }
        instanceA.plan(List.of(), history);
        instanceB.claimDue(NOW, LEASE, "instance-b", 10); // its first look: reads the cursor once

        roundTrips.reset();
        assertThat(instanceB.claimDue(NOW.plusSeconds(20), LEASE, "instance-b", 10)).isEmpty();

        assertThat(roundTrips.commands()).singleElement().satisfies(command -> {
            assertThat(command.name()).isEqualTo("find");
            assertThat(command.filter().toJson()).contains("$in");
        });
        roundTrips.assertKeyLookupsOnly(clientB.getDatabase(DATABASE));
    }

    @Test
    void overdueNotificationsAreCountedFromTheBucketsWithoutCountingTheCollection() {
        instanceA.addIfAbsent(scheduled("apt-1", NotificationKind.REMINDER, NOW.minus(Duration.ofMinutes(10))));
        instanceA.addIfAbsent(scheduled("apt-2", NotificationKind.REMINDER, NOW.minus(Duration.ofMinutes(9))));
        instanceA.addIfAbsent(scheduled("apt-3", NotificationKind.REMINDER, NOW.minus(Duration.ofMinutes(1))));
        instanceA.addIfAbsent(scheduled("apt-4", NotificationKind.REMINDER, NOW.plus(Duration.ofHours(1))));
        Claim sent = instanceA.claimDue(NOW, LEASE, "instance-a", 1).get(0);
        instanceA.complete(sent, withStatus(sent.notification(), NotificationStatus.SENT));
        instanceB.countOverdue(NOW.minus(Duration.ofMinutes(5))); // instance B starts (its one search)

        roundTrips.reset();
        long overdue = instanceB.countOverdue(NOW.minus(Duration.ofMinutes(5)));

        assertThat(overdue).isEqualTo(sent.notification().appointmentId().equals("apt-3") ? 2 : 1);
        roundTrips.assertKeyLookupsOnly(clientB.getDatabase(DATABASE));
    }

    @Test
    void aDatabaseWrittenBeforeTheBucketsExistedHasItsScheduledNotificationsFiledAtTheFirstStart() {
        Document old = new Document();
        templateA.getConverter().write(scheduled("apt-old", NotificationKind.CONFIRMATION, NOW.minusSeconds(60)), old);
        templateA.getCollection("notifications").insertOne(old);

        assertThat(instanceB.claimDue(NOW, LEASE, "instance-b", 10)).singleElement()
                .satisfies(claim -> assertThat(claim.notification().appointmentId()).isEqualTo("apt-old"));
    }

    /** The search for unfiled SCHEDULED notifications each instance makes once, at its first read. */
    private static boolean startUpSearch(MongoRoundTrips.Command command) {
        return command.name().equals("find") && command.filter().toJson().contains("\"status\"");
    }

    private long cursorMinute() {
        Document cursor = templateA.getCollection("notifications").find(new Document("_id", DueIndex.CURSOR)).first();
        return ((Number) cursor.get("minute")).longValue();
    }

    private List<Document> buckets() {
        return templateA.getCollection("notifications")
                .find(new Document("_id", Pattern.compile("^due\\|\\d"))).into(new ArrayList<>());
    }

    private static Notification withNextAttempt(Notification n, Instant next) {
        return new Notification(n.id(), n.appointmentId(), n.patientId(), n.clinicId(), n.kind(), n.channel(),
                NotificationStatus.SCHEDULED, n.dueAt(), null, "provider busy", 1, null, null, next,
                n.appointmentRevision(), n.appointmentStart(), null, null);
    }
}
