package com.clinicbackbone.notification.patient.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

class MongoPatientRegistryTest {

    final MongoServer server = new MongoServer(new MemoryBackend());
    final MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.bind().getPort());
    final MongoTemplate template = new MongoTemplate(client, "patients-test");
    final MongoPatientRegistry registry = new MongoPatientRegistry(template);

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void unknownIdIsNeitherErasedNorMergedAndIsItsOwnCurrentId() {
        assertThat(registry.isErased("pat-1")).isFalse();
        assertThat(registry.mergedInto("pat-1")).isEmpty();
        assertThat(registry.current("pat-1")).isEqualTo("pat-1");
    }

    @Test
    void remembersErasuresAndMergesAndFollowsMergesToTheLastSurvivor() {
        registry.markErased("pat-1");
        registry.markErased("pat-1");
        registry.markMerged("pat-a", "pat-b");
        registry.markMerged("pat-b", "pat-c");

        assertThat(registry.isErased("pat-1")).isTrue();
        assertThat(registry.mergedInto("pat-a")).contains("pat-b");
        assertThat(registry.current("pat-a")).isEqualTo("pat-c");
        assertThat(registry.isErased("pat-a")).isFalse();
    }

    @Test
    void aMergeCycleDoesNotLoopForever() {
        registry.markMerged("pat-a", "pat-b");
        registry.markMerged("pat-b", "pat-a");

        assertThat(registry.current("pat-a")).isIn("pat-a", "pat-b");
    }

    @Test
    void storesIdsOnly() {
        registry.markErased("pat-1");
        registry.markMerged("pat-a", "pat-b");

        assertThat(template.findAll(Document.class, "patients")).allSatisfy(document ->
                assertThat(document.keySet()).isSubsetOf("_id", "erased", "mergedInto"));
    }
}
