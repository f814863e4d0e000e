package com.clinicbackbone.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.clinicbackbone.events.AppointmentBooked;
import com.clinicbackbone.events.Envelope;
import de.bwaldvogel.mongo.MongoServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.messaging.Message;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@EmbeddedKafka(partitions = 1, topics = "outbox-test")
@SpringBootTest(properties = {
        "spring.cloud.stream.kafka.binder.brokers=${spring.embedded.kafka.brokers}",
        "spring.cloud.stream.kafka.default.producer.sync=true",
        "spring.cloud.function.definition=received",
        "spring.cloud.stream.bindings.received-in-0.destination=outbox-test",
        "spring.cloud.stream.bindings.received-in-0.group=outbox-test"})
class OutboxRelayIntegrationTest {

    static final MongoServer mongoServer = new MongoServer(new MemoryBackend());
    static final InetSocketAddress mongoAddress = mongoServer.bind();
    static final ConcurrentLinkedQueue<Message<byte[]>> received = new ConcurrentLinkedQueue<>();

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri",
                () -> "mongodb://" + mongoAddress.getHostString() + ":" + mongoAddress.getPort() + "/outbox-test");
    }

    @AfterAll
    static void stopMongo() {
        mongoServer.shutdownNow();
    }

    @Autowired
    MongoTemplate mongo;
    @Autowired
    StreamBridge bridge;
    @Autowired
    EmbeddedKafkaBroker kafka;

    @Test
    void publishesPendingEventsWithEnvelopeAndKeyThenEmptiesTheOutbox() {
        var relay = new OutboxRelay(mongo, bridge, List.of("things"), Clock.systemUTC(), Duration.ofMillis(50),
                Duration.ofSeconds(30));
        Envelope envelope = Envelope.of(AppointmentBooked.TYPE, "/test", Instant.now(), "apt-42", "running-shoe", 1);
        Thing thing = new Thing("apt-42", new ArrayList<>(List.of(
                OutboxEntry.of("outbox-test", envelope, "{\"appointmentId\":\"apt-42\"}"))), true);
        mongo.save(thing, "things");

        relay.start();
        relay.nudge();
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> !received.isEmpty());
        } finally {
            relay.stop();
        }

        Message<byte[]> message = received.peek();
        assertThat(new String(message.getPayload(), StandardCharsets.UTF_8)).isEqualTo("{\"appointmentId\":\"apt-42\"}");
        assertThat(InboundEvents.envelope(message)).isEqualTo(envelope);
        Document stored = mongo.findById("apt-42", Document.class, "things");
        assertThat(stored.getList("outbox", Document.class)).isEmpty();
        assertThat(stored.getBoolean("outboxPending")).isFalse();
        assertThat(relay.relayPending()).isZero();
    }

    @Test
    void publishesTheDocumentAWriterNamesAtOnceAndLeavesTheRestForTheScan() {
        var relay = new OutboxRelay(mongo, bridge, List.of("named"), Clock.systemUTC(), Duration.ofHours(1),
                Duration.ofSeconds(30));
        Envelope named = Envelope.of(AppointmentBooked.TYPE, "/test", Instant.now(), "apt-named", "running-shoe", 1);
        Envelope other = Envelope.of(AppointmentBooked.TYPE, "/test", Instant.now(), "apt-other", "running-shoe", 1);
        mongo.save(new Thing("apt-other", new ArrayList<>(List.of(OutboxEntry.of("outbox-test", other, "{}"))), true),
                "named");
        mongo.save(new Thing("apt-named", new ArrayList<>(List.of(OutboxEntry.of("outbox-test", named, "{}"))), true),
                "named");

        relay.nudge("named", "apt-named");

        assertThat(relay.relayWritten()).isEqualTo(1);
        assertThat(mongo.findById("apt-named", Document.class, "named").getBoolean("outboxPending")).isFalse();
        assertThat(mongo.findById("apt-other", Document.class, "named").getBoolean("outboxPending")).isTrue();
        assertThat(relay.relayWritten()).isZero();
        assertThat(relay.relayPending()).isEqualTo(1);
    }

    @Test
    void writesRawStringHeadersAndTheAggregateIdAsKafkaKey() {
        var relay = new OutboxRelay(mongo, bridge, List.of("keyed"), Clock.systemUTC(), Duration.ofSeconds(1),
                Duration.ofSeconds(30));
        Envelope envelope = Envelope.of(AppointmentBooked.TYPE, "/test", Instant.now(), "apt-7", "running-shoe", 2);
        mongo.save(new Thing("apt-7", new ArrayList<>(List.of(OutboxEntry.of("keyed-test", envelope, "{}"))), true),
                "keyed");

        assertThat(relay.relayPending()).isEqualTo(1);

        Map<String, Object> props = KafkaTestUtils.consumerProps(kafka, "raw-reader", false);
        props.put("auto.offset.reset", "earliest");
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<String, String>(props,
                new org.apache.kafka.common.serialization.StringDeserializer(),
                new org.apache.kafka.common.serialization.StringDeserializer())) {
            consumer.subscribe(List.of("keyed-test"));
            ConsumerRecord<String, String> record = KafkaTestUtils.getSingleRecord(consumer, "keyed-test",
                    Duration.ofSeconds(20));
            assertThat(record.key()).isEqualTo("apt-7");
            assertThat(new String(record.headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8))
                    .isEqualTo("clinic.appointment.booked.v1");
        }
    }

    @Test
    void publishesATombstoneAsANullValueForTheKey() {
        var relay = new OutboxRelay(mongo, bridge, List.of("erased"), Clock.systemUTC(), Duration.ofSeconds(1),
                Duration.ofSeconds(30));
        Envelope envelope = Envelope.of("clinic.patient.erased.v1", "/test", Instant.now(), "patient-9", null, 4);
        mongo.save(new Thing("patient-9", new ArrayList<>(List.of(OutboxEntry.tombstone("tombstone-test", envelope))),
                true), "erased");

        assertThat(relay.relayPending()).isEqualTo(1);

        Map<String, Object> props = KafkaTestUtils.consumerProps(kafka, "tombstone-reader", false);
        props.put("auto.offset.reset", "earliest");
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<String, String>(props,
                new org.apache.kafka.common.serialization.StringDeserializer(),
                new org.apache.kafka.common.serialization.StringDeserializer())) {
            consumer.subscribe(List.of("tombstone-test"));
            ConsumerRecord<String, String> record = KafkaTestUtils.getSingleRecord(consumer, "tombstone-test",
                    Duration.ofSeconds(20));
            assertThat(record.key()).isEqualTo("patient-9");
            assertThat(record.value()).isNull();
        }
    }

    @Test
    void sendsTheEventInTheTraceOfTheRequestThatWroteIt() {
        var relay = new OutboxRelay(mongo, bridge, List.of("traced"), Clock.systemUTC(), Duration.ofSeconds(1),
                Duration.ofSeconds(30));
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        Envelope envelope = Envelope.of(AppointmentBooked.TYPE, "/test", Instant.now(), "apt-traced", "running-shoe", 1);
        OutboxEntry entry;
        try (var ignored = Context.root().with(Span.wrap(SpanContext.create(traceId, "00f067aa0ba902b7",
                TraceFlags.getSampled(), TraceState.getDefault()))).makeCurrent()) {
            entry = OutboxEntry.of("traced-test", envelope, "{}");
        }
        assertThat(entry.traceparent()).isEqualTo("00-" + traceId + "-00f067aa0ba902b7-01");
        assertThat(OutboxEntry.of("traced-test", envelope, "{}").traceparent()).isNull();
        mongo.save(new Thing("apt-traced", new ArrayList<>(List.of(entry)), true), "traced");

        assertThat(relay.relayPending()).isEqualTo(1);

        Map<String, Object> props = KafkaTestUtils.consumerProps(kafka, "traced-reader", false);
        props.put("auto.offset.reset", "earliest");
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<String, String>(props,
                new org.apache.kafka.common.serialization.StringDeserializer(),
                new org.apache.kafka.common.serialization.StringDeserializer())) {
            consumer.subscribe(List.of("traced-test"));
            ConsumerRecord<String, String> record = KafkaTestUtils.getSingleRecord(consumer, "traced-test",
                    Duration.ofSeconds(20));
            assertThat(new String(record.headers().lastHeader("traceparent").value(), StandardCharsets.UTF_8))
                    .isEqualTo("00-" + traceId + "-00f067aa0ba902b7-01");
        }
    }

    @Test
    void gaugesTheBacklogAndTheAgeOfTheOldestPendingEventPerCollection() {
        Instant now = Instant.parse("2026-11-25T12:00:00Z");
        var metrics = new OutboxMetrics(mongo, List.of("backlog", "empty-backlog"), Clock.fixed(now, ZoneOffset.UTC),
                Duration.ZERO);
        Envelope older = Envelope.of(AppointmentBooked.TYPE, "/test", now.minusSeconds(90), "apt-b1", "running-shoe", 1);
        Envelope newer = Envelope.of(AppointmentBooked.TYPE, "/test", now.minusSeconds(5), "apt-b1", "running-shoe", 2);
        Envelope third = Envelope.of(AppointmentBooked.TYPE, "/test", now.minusSeconds(30), "apt-b2", "running-shoe", 1);
        Envelope sent = Envelope.of(AppointmentBooked.TYPE, "/test", now.minusSeconds(900), "apt-b3", "running-shoe", 1);
        mongo.save(new Thing("apt-b1", new ArrayList<>(List.of(OutboxEntry.of("t", older, "{}"),
                OutboxEntry.of("t", newer, "{}"))), true), "backlog");
        mongo.save(new Thing("apt-b2", new ArrayList<>(List.of(OutboxEntry.of("t", third, "{}"))), true), "backlog");
        mongo.save(new Thing("apt-b3", new ArrayList<>(List.of(OutboxEntry.of("t", sent, "{}"))), false), "backlog");
        var registry = new SimpleMeterRegistry();
        metrics.bindTo(registry);

        assertThat(registry.get("clinic.outbox.pending").tag("collection", "backlog").gauge().value()).isEqualTo(3);
        assertThat(registry.get("clinic.outbox.oldest.age").tag("collection", "backlog").gauge().value())
                .isEqualTo(90);
        assertThat(registry.get("clinic.outbox.pending").tag("collection", "empty-backlog").gauge().value()).isZero();
        assertThat(registry.get("clinic.outbox.oldest.age").tag("collection", "empty-backlog").gauge().value())
                .isZero();
    }

    record Thing(@Id String id, List<OutboxEntry> outbox, boolean outboxPending) {
    }

    @SpringBootApplication
    static class TestApp {
        @Bean
        Consumer<Message<byte[]>> received() {
            return received::add;
        }
    }
}
