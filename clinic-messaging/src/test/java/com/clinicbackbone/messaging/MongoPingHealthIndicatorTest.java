package com.clinicbackbone.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The MongoDB part of every service's readiness group: UP while the Mongo-wire server answers, DOWN (so readiness
 * answers 503) once it is gone.
 */
class MongoPingHealthIndicatorTest {

    @Test
    void isUpWhileTheServerAnswersAndDownOnceItStopped() {
        MongoServer server = new MongoServer(new MemoryBackend());
        var address = server.bind();
        try (var client = MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort()
                + "/?serverSelectionTimeoutMS=1000&connectTimeoutMS=1000")) {
            var indicator = new MongoPingHealthIndicator(new MongoTemplate(client, "health-test"));
            assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
            assertThat(indicator.health().getDetails()).containsEntry("database", "health-test");

            server.shutdownNow();

            assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
        } finally {
            server.shutdownNow();
        }
    }
}
