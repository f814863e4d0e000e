package com.clinicbackbone.booking.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.clinicbackbone.messaging.testing.MongoRoundTrips;
import com.mongodb.MongoClientSettings;
import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Two instances' caches of the same small collection over one database, each on a client of its own (the second one
 * with a command listener), with a fake clock for the staleness rules.
 */
class ReferenceCacheTest {

    static final ReferenceCache.Settings SETTINGS = new ReferenceCache.Settings(Duration.ofSeconds(1),
            Duration.ofSeconds(3), Duration.ofMinutes(1));

    final MongoServer server = new MongoServer(new MemoryBackend());
    final InetSocketAddress address = server.bind();
    final String uri = "mongodb://" + address.getHostString() + ":" + address.getPort()
            + "/?serverSelectionTimeoutMS=1000";
    final MongoRoundTrips roundTrips = new MongoRoundTrips();
    final MongoClient writerClient = MongoClients.create(uri);
    final MongoClient otherClient = MongoClients.create(MongoClientSettings.builder()
            .applyConnectionString(new ConnectionString(uri)).addCommandListener(roundTrips).build());
    final MongoTemplate writerMongo = new MongoTemplate(writerClient, "booking");
    final MongoTemplate otherMongo = new MongoTemplate(otherClient, "booking");
    final AtomicLong nanos = new AtomicLong();
    final ReferenceCache<List<String>> writer = cache(writerMongo, SETTINGS);
    final ReferenceCache<List<String>> other = cache(otherMongo, SETTINGS);

    ReferenceCache<List<String>> cache(MongoTemplate mongo, ReferenceCache.Settings settings) {
        return new ReferenceCache<>("things", mongo, () -> mongo.findAll(Document.class, "things").stream()
                .map(it -> it.getString("_id")).sorted().toList(), settings, nanos::get);
    }

    @AfterEach
    void stop() {
        writer.stop();
        other.stop();
        writerClient.close();
        otherClient.close();
        server.shutdownNow();
    }

    void store(String id) {
        writerMongo.insert(new Document("_id", id), "things");
    }

    void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    @Test
    void warmReadsMakeNoRoundTrip() {
        store("a");
        assertThat(other.current()).containsExactly("a");
        roundTrips.reset();

        for (int i = 0; i < 100; i++) {
            advance(Duration.ofMillis(25));
            assertThat(other.current()).containsExactly("a");
        }

        assertThat(roundTrips.commands()).isEmpty();
    }

    @Test
    void theWritingInstanceSeesItsChangeAtOnce() {
        store("a");
        assertThat(writer.current()).containsExactly("a");

        store("b");
        writer.changed();

        assertThat(writer.current()).containsExactly("a", "b");
    }

    @Test
    void anotherInstanceSeesAnAnnouncedChangeAtItsNextCheckAndAnUnchangedCheckIsOneKeyLookup() {
        store("a");
        assertThat(other.current()).containsExactly("a");
        roundTrips.reset();
        other.check();
        assertThat(roundTrips.commands()).singleElement()
                .satisfies(command -> assertThat(command.collection()).isEqualTo(ReferenceCache.VERSIONS));
        roundTrips.assertKeyLookupsOnly(otherClient.getDatabase("booking"));

        store("b");
        writer.changed();
        assertThat(other.current()).as("not checked yet").containsExactly("a");
        other.check();

        assertThat(other.current()).containsExactly("a", "b");
    }

    @Test
    void aReadNeverUsesASnapshotNotConfirmedWithinMaxStalenessEvenWithoutBackgroundChecks() {
        store("a");
        assertThat(other.current()).containsExactly("a");
        store("b");
        writer.changed();

        advance(SETTINGS.maxStaleness());
        assertThat(other.current()).as("confirmed exactly max-staleness ago").containsExactly("a");
        advance(Duration.ofNanos(1));
        assertThat(other.current()).containsExactly("a", "b");
    }

    @Test
    void aChangeNobodyAnnouncedIsPickedUpByTheFullReload() {
        store("a");
        assertThat(other.current()).containsExactly("a");
        store("b"); // its writer died before announcing it

        advance(SETTINGS.fullReloadInterval().minusSeconds(1));
        other.check();
        assertThat(other.current()).containsExactly("a");
        advance(Duration.ofSeconds(1));
        other.check();
        assertThat(other.current()).containsExactly("a", "b");
    }

    @Test
    void theBackgroundCheckPicksUpAnAnnouncedChangeWithinTheRefreshInterval() {
        ReferenceCache<List<String>> polling = new ReferenceCache<>("things", otherMongo,
                () -> otherMongo.findAll(Document.class, "things").stream().map(it -> it.getString("_id")).toList(),
                new ReferenceCache.Settings(Duration.ofMillis(100), Duration.ofSeconds(30), Duration.ofMinutes(1)));
        try {
            assertThat(polling.current()).isEmpty();
            polling.start();
            store("a");
            writer.changed();
            long announced = System.nanoTime();

            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10))
                    .until(() -> polling.current().contains("a"));

            assertThat(Duration.ofNanos(System.nanoTime() - announced)).isLessThan(Duration.ofSeconds(1));
        } finally {
            polling.stop();
        }
    }

    @Test
    void aWriterWhoseAnnouncementFailedServesNoStaleSnapshot() {
        store("a");
        assertThat(writer.current()).containsExactly("a");
        store("b");
        server.shutdownNow();

        assertThatThrownBy(writer::changed).isInstanceOf(RuntimeException.class);

        assertThatThrownBy(writer::current).as("no stale snapshot is served after a failed announcement")
                .isInstanceOf(RuntimeException.class);
    }

    @Test
    void refusesSettingsThatCannotKeepTheBound() {
        assertThatThrownBy(() -> new ReferenceCache.Settings(Duration.ZERO, Duration.ofSeconds(3),
                Duration.ofMinutes(1))).hasMessageContaining("refresh-interval");
        assertThatThrownBy(() -> new ReferenceCache.Settings(Duration.ofSeconds(3), Duration.ofSeconds(3),
                Duration.ofMinutes(1))).hasMessageContaining("max-staleness");
        assertThatThrownBy(() -> new ReferenceCache.Settings(Duration.ofSeconds(1), Duration.ofSeconds(3),
                Duration.ofMillis(500))).hasMessageContaining("full-reload-interval");
    }
}
