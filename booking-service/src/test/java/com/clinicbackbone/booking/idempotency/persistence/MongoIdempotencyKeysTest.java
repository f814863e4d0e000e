package com.clinicbackbone.booking.idempotency.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.clinicbackbone.booking.idempotency.IdempotencyRecord;
import com.clinicbackbone.booking.idempotency.StoredResponse;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

class MongoIdempotencyKeysTest {

    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    final MongoServer server = new MongoServer(new MemoryBackend());
    final InetSocketAddress address = server.bind();
    final MongoClient client = MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort());
    final MongoTemplate mongo = new MongoTemplate(client, "booking");
    final MongoIdempotencyKeys keys = new MongoIdempotencyKeys(mongo);

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    static IdempotencyRecord record(String subject, String resourceId, String token) {
        return new IdempotencyRecord(subject, "key-1", "f1", resourceId, token, NOW, NOW.plusSeconds(30), null);
    }

    @Test
    void theFirstInsertWinsAndTheSecondGetsIt() {
        assertThat(keys.insertIfAbsent(record("ann", "apt-1", "t1"))).isEmpty();

        var second = keys.insertIfAbsent(record("ann", "apt-2", "t2"));

        assertThat(second).contains(record("ann", "apt-1", "t1"));
        assertThat(keys.insertIfAbsent(record("ben", "apt-3", "t3"))).isEmpty();
        assertThat(mongo.getCollection(MongoIdempotencyKeys.COLLECTION).countDocuments()).isEqualTo(2);
    }

    @Test
    void onlyTheHoldingAttemptCompletesOrRemovesTheRecord() {
        keys.insertIfAbsent(record("ann", "apt-1", "t1"));
        StoredResponse answer = new StoredResponse(201, "apt-1", "{\"id\":\"apt-1\"}");

        keys.complete("ann", "key-1", "other", answer);
        keys.remove("ann", "key-1", "other");
        assertThat(keys.insertIfAbsent(record("ann", "apt-2", "t2"))).get()
                .extracting(IdempotencyRecord::isFinished).isEqualTo(false);

        keys.complete("ann", "key-1", "t1", answer);
        assertThat(keys.insertIfAbsent(record("ann", "apt-2", "t2"))).get()
                .extracting(IdempotencyRecord::response).isEqualTo(answer);

        keys.remove("ann", "key-1", "t1");
        assertThat(keys.insertIfAbsent(record("ann", "apt-2", "t2"))).isEmpty();
    }

    @Test
    void anUnfinishedRecordIsTakenOverOnceAndAFinishedOneNever() {
        keys.insertIfAbsent(record("ann", "apt-1", "t1"));

        assertThat(keys.takeOver("ann", "key-1", "t1", "t2", "apt-2", NOW.plus(Duration.ofMinutes(1)))).isTrue();
        assertThat(keys.takeOver("ann", "key-1", "t1", "t3", "apt-3", NOW.plus(Duration.ofMinutes(1)))).isFalse();
        assertThat(mongo.findById(MongoIdempotencyKeys.id("ann", "key-1"), org.bson.Document.class, MongoIdempotencyKeys.COLLECTION)
                .getString("resourceId")).isEqualTo("apt-2");

        keys.complete("ann", "key-1", "t2", new StoredResponse(201, "apt-1", "{}"));
        assertThat(keys.takeOver("ann", "key-1", "t2", "t4", "apt-4", NOW.plus(Duration.ofMinutes(1)))).isFalse();
    }

    @Test
    void createsTheTokenAndTheExpiryIndexes() {
        var indexes = mongo.indexOps(MongoIdempotencyKeys.COLLECTION).getIndexInfo();

        assertThat(indexes).anySatisfy(index -> {
            assertThat(index.getName()).isEqualTo(MongoIdempotencyKeys.TOKEN_INDEX);
            assertThat(index.isUnique()).isTrue();
        });
        assertThat(indexes).anySatisfy(index -> {
            assertThat(index.getName()).isEqualTo(MongoIdempotencyKeys.TTL_INDEX);
            assertThat(index.getExpireAfter()).contains(Duration.ofHours(24));
        });
    }
}
