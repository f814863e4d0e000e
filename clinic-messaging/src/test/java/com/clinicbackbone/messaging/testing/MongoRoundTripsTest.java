package com.clinicbackbone.messaging.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoClientSettings;
import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MongoRoundTripsTest {

    static MongoServer server;
    static MongoClient client;
    static final MongoRoundTrips roundTrips = new MongoRoundTrips();
    static MongoDatabase db;
    static MongoCollection<Document> days;

    @BeforeAll
    static void start() {
        server = new MongoServer(new MemoryBackend());
        var address = server.bind();
        client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString("mongodb://127.0.0.1:" + address.getPort()))
                .addCommandListener(roundTrips).build());
        db = client.getDatabase("roundtrips");
        days = db.getCollection("days");
        days.createIndex(Indexes.ascending("_id", "version"), new IndexOptions().unique(true));
        days.createIndex(Indexes.ascending("owner"));
        days.insertOne(new Document("_id", "maya|2026-12-08").append("version", 1).append("owner", "maya"));
    }

    @AfterAll
    static void stop() {
        client.close();
        server.shutdownNow();
    }

    @BeforeEach
    void forget() {
        roundTrips.reset();
    }

    @Test
    void countsEachCommandWithItsThread() {
        days.find(Filters.eq("_id", "maya|2026-12-08")).first();
        days.updateOne(Filters.and(Filters.eq("_id", "maya|2026-12-08"), Filters.eq("version", 1)),
                Updates.inc("version", 1));

        assertThat(roundTrips.commands()).extracting(MongoRoundTrips.Command::name).containsExactly("find", "update");
        assertThat(roundTrips.count(MongoRoundTrips.onThread(Thread.currentThread().getName()))).isEqualTo(2);
        assertThat(roundTrips.count(MongoRoundTrips.on("days"))).isEqualTo(2);
    }

    @Test
    void acceptsExactUniqueKeysAndIdIn() {
        days.find(Filters.eq("_id", "maya|2026-12-08")).first();
        days.find(Filters.in("_id", List.of("maya|2026-12-08", "maya|2026-12-09"))).into(new java.util.ArrayList<>());
        days.find(new Document("_id", "maya|2026-12-08").append("version", 2)).first();
        days.insertOne(new Document("_id", "noah|2026-12-08").append("version", 1));

        roundTrips.assertKeyLookupsOnly(db);
    }

    @Test
    void rejectsNonUniqueIndexesRangesOperatorsAndCounts() {
        days.find(Filters.eq("owner", "maya")).first();
        days.find(Filters.and(Filters.eq("_id", "maya|2026-12-08"), Filters.gt("version", 0))).first();
        days.find(Filters.and(Filters.eq("_id", "maya|2026-12-08"), Filters.eq("owner", "maya"))).first();
        days.countDocuments(Filters.eq("_id", "maya|2026-12-08"));
        days.deleteMany(new Document());

        List<String> scans = roundTrips.scans(db, roundTrips.commands());
        assertThat(scans).hasSize(5);
        assertThatThrownBy(() -> roundTrips.assertKeyLookupsOnly(db)).hasMessageContaining("owner");
        days.insertOne(new Document("_id", "maya|2026-12-08").append("version", 1).append("owner", "maya"));
    }

    @Test
    void failsAnOperationOverItsBudget() {
        days.find(Filters.eq("_id", "a")).first();
        days.find(Filters.eq("_id", "b")).first();

        MongoRoundTrips.assertWithinBudget("two reads", 2, roundTrips.commands());
        assertThatThrownBy(() -> MongoRoundTrips.assertWithinBudget("two reads", 1, roundTrips.commands()))
                .hasMessageContaining("took 2 MongoDB round trips, budget 1");
    }
}
