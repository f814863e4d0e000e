package com.clinicbackbone.console.deadletter.persistence;

import static com.clinicbackbone.console.deadletter.DeadLetterFixture.deadLetter;
import static org.assertj.core.api.Assertions.assertThat;

import com.clinicbackbone.console.deadletter.DeadLetter;
import com.clinicbackbone.console.deadletter.DeadLetter.State;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

class MongoDeadLettersTest {

    private final MongoServer server = new MongoServer(new MemoryBackend());
    private final MongoClient client = MongoClients.create(server.bindAndGetConnectionString());
    private final MongoDeadLetters store = new MongoDeadLetters(new MongoTemplate(client, "console"));

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void keepsHeadersKeyAndPayloadBytesAsRead() {
        DeadLetter letter = deadLetter().atOffset(4).build();

        store.addIfAbsent(letter);

        DeadLetter stored = store.find(letter.id()).orElseThrow();
        assertThat(stored.key()).isEqualTo(letter.key());
        assertThat(stored.payload()).isEqualTo(letter.payload());
        assertThat(stored.headers()).hasSameSizeAs(letter.headers());
        assertThat(stored.headers().get(6).value()).isEqualTo(letter.headers().get(6).value());
        assertThat(stored.originalTopic()).isEqualTo("clinic.appointments.v1");
    }

    @Test
    void aSecondReadOfTheSameRecordKeepsTheRecordedAction() {
        DeadLetter letter = deadLetter().build();
        store.addIfAbsent(letter);
        store.recordAction(letter.discarded("operator", Instant.EPOCH));

        store.addIfAbsent(letter);

        assertThat(store.find(letter.id()).orElseThrow().state()).isEqualTo(State.DISCARDED);
        assertThat(store.all()).hasSize(1);
    }

    @Test
    void recordsOnlyOneActionOnADeadLetter() {
        DeadLetter letter = deadLetter().build();
        store.addIfAbsent(letter);

        boolean first = store.recordAction(letter.replayed("operator", Instant.EPOCH));
        boolean second = store.recordAction(letter.discarded("other", Instant.EPOCH.plusSeconds(1)));

        assertThat(first).isTrue();
        assertThat(second).isFalse();
        DeadLetter stored = store.find(letter.id()).orElseThrow();
        assertThat(stored.state()).isEqualTo(State.REPLAYED);
        assertThat(stored.handledBy()).isEqualTo("operator");
    }

    @Test
    void reopensAReplayThatWasNotSent() {
        DeadLetter letter = deadLetter().build();
        store.addIfAbsent(letter);
        store.recordAction(letter.replayed("operator", Instant.EPOCH));

        store.reopen(letter.id());

        DeadLetter stored = store.find(letter.id()).orElseThrow();
        assertThat(stored.state()).isEqualTo(State.NEW);
        assertThat(stored.handledBy()).isNull();
    }
}
