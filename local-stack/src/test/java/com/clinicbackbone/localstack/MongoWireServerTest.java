package com.clinicbackbone.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import java.nio.file.Path;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MongoWireServerTest {

    @TempDir
    Path dir;

    @Test
    void keepsDocumentsInTheStoreFileAcrossRestart() {
        Path file = dir.resolve("mongo").resolve("backbone.mv");
        try (MongoWireServer server = MongoWireServer.start(file, 0);
             MongoClient client = MongoClients.create(server.uri("booking"))) {
            collection(client).insertOne(new Document("_id", "appt-1").append("status", "BOOKED"));
        }
        assertThat(file).isRegularFile();

        try (MongoWireServer server = MongoWireServer.start(file, 0);
             MongoClient client = MongoClients.create(server.uri("booking"))) {
            Document found = collection(client).find(new Document("_id", "appt-1")).first();

            assertThat(found).isNotNull();
            assertThat(found.getString("status")).isEqualTo("BOOKED");
        }
    }

    @Test
    void servesTheGivenPortOnLoopback() {
        try (MongoWireServer server = MongoWireServer.start(dir.resolve("other.mv"), 0)) {
            assertThat(server.port()).isPositive();
            assertThat(server.uri("patients")).isEqualTo("mongodb://127.0.0.1:" + server.port() + "/patients");
        }
    }

    private static MongoCollection<Document> collection(MongoClient client) {
        return client.getDatabase("booking").getCollection("appointments");
    }
}
