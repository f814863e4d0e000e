package com.clinicbackbone.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.clinicbackbone.events.AppointmentBooked;
import com.clinicbackbone.events.Envelope;
import com.clinicbackbone.messaging.testing.MongoRoundTrips;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.cloud.stream.binding.InputBindingLifecycle;
import org.springframework.cloud.stream.binding.OutputBindingLifecycle;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
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
@ExtendWith(OutputCaptureExtension.class)
class OutboxRelayIntegrationTest {

    static final MongoServer mongoServer = new MongoServer(new MemoryBackend());
    static final InetSocketAddress mongoAddress = mongoServer.bind();
    static final ConcurrentLinkedQueue<Message<byte[]>> received = new ConcurrentLinkedQueue<>();
    static final MongoRoundTrips roundTrips = new MongoRoundTrips();

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
    @Autowired
    ApplicationContext context;

    @Test
    void publishesPendingEventsWithEnvelopeAndKeyThenEmptiesTheOutbox() {
        var relay = new OutboxRelay(mongo, bridge, List.of("things"), Clock.systemUTC(), Duration.ofMillis(50),
                Duration.ofSeconds(30));
        Envelope envelope = Envelope.of(AppointmentBooked.TYPE, "/test", Instant.now(), "apt-42", "running-shoe", 1);
        Thing thing = new Thing("apt-42", new ArrayList<>(List.of(
                OutboxEntry.of("outbox-test", envelope, "{\"appointmentId\":\"apt-42\"}"))), true);
        mongo.save(thing, "things");

        relay.start(); // the start-up recovery finds what was left pending
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> received.stream()
                    .anyMatch(message -> envelope.equals(InboundEvents.envelope(message))));
        } finally {
            relay.stop();
        }

        Message<byte[]> message = received.stream().filter(m -> envelope.equals(InboundEvents.envelope(m)))
                .findFirst().orElseThrow();
        assertThat(new String(message.getPayload(), StandardCharsets.UTF_8)).isEqualTo("{\"appointmentId\":\"apt-42\"}");
        assertThat(message.getHeaders()).doesNotContainKey("kafka_futureToken");
        Document stored = mongo.findById("apt-42", Document.class, "things");
        assertThat(stored.getList("outbox", Document.class)).isEmpty();
        assertThat(stored.getBoolean("outboxPending")).isFalse();
        assertThat(stored).doesNotContainKey(Outbox.RELAYING);
        assertThat(relay.relayPending()).isZero();
    }

    @Test
    void publishesTheDocumentAWriterNamesAtOnceAndLeavesTheRestForTheRecovery() {
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
    void publishesANamedDocumentWithTwoKeyLookups() {
        var relay = new OutboxRelay(mongo, bridge, List.of("keyed-trips"), Clock.systemUTC(), Duration.ofMillis(50),
                Duration.ofSeconds(30));
        relay.start();
        try {
            awaitStartupRecovery("keyed-trips");
            Envelope envelope = Envelope.of(AppointmentBooked.TYPE, "/test", Instant.now(), "apt-trips", "running-shoe",
                    1);
            roundTrips.reset();
            mongo.insert(new Thing("apt-trips", new ArrayList<>(List.of(OutboxEntry.of("outbox-test", envelope,
                    "{}"))), true), "keyed-trips");
            relay.nudge("keyed-trips", "apt-trips");

            await().atMost(Duration.ofSeconds(20)).until(() -> received.stream()
                    .anyMatch(message -> envelope.equals(InboundEvents.envelope(message))));
            await().atMost(Duration.ofSeconds(5)).until(() -> mongo.findById("apt-trips", Document.class,
                    "keyed-trips").getList("outbox", Document.class).isEmpty());
        } finally {
            relay.stop();
        }

        var publishing = roundTrips.commands(MongoRoundTrips.on("keyed-trips")
                .and(command -> command.thread().startsWith("outbox-relay-"))
                .and(command -> !command.thread().equals("outbox-relay-lease")));
        assertThat(publishing).extracting(MongoRoundTrips.Command::name).containsExactly("findAndModify", "update");
        roundTrips.assertKeyLookupsOnly(mongo.getDb(), publishing);
    }

    @Test
    void publishesABatchOfDocumentsWithAFewKeyLookupsInAll() {
        var sends = new ConcurrentLinkedQueue<Message<?>>();
        var relay = new OutboxRelay(mongo, recording(sends), List.of("batched"), Clock.systemUTC(),
                Duration.ofMillis(50), Duration.ofSeconds(30), "batch-instance", 1);
        for (int i = 0; i < 100; i++) {
            mongo.insert(thing("apt-batch-" + i, 1, 2), "batched");
        }
        IntStream.range(0, 100).forEach(i -> relay.nudge("batched", "apt-batch-" + i));
        roundTrips.reset();

        assertThat(relay.relayWritten()).isEqualTo(200);

        var mine = roundTrips.commands(MongoRoundTrips.onThread(Thread.currentThread().getName()));
        assertThat(mine).extracting(MongoRoundTrips.Command::name).containsExactly("update", "find", "update");
        roundTrips.assertKeyLookupsOnly(mongo.getDb(), mine);
        assertThat(sends).hasSize(200);
        assertThat(mongo.find(query(where("outboxPending").is(true)), Document.class, "batched")).isEmpty();
    }

    @Test
    void keepsTheEventsKafkaDidNotTakeAndTriesThemAgainByKeyAfterAPause() throws InterruptedException {
        var attempts = new AtomicInteger();
        StreamBridge failingOnce = mock(StreamBridge.class);
        when(failingOnce.send(anyString(), any(Message.class))).thenAnswer(call -> {
            if (attempts.getAndIncrement() == 0) {
                throw new IllegalStateException("broker unavailable");
            }
            return true;
        });
        var relay = new OutboxRelay(mongo, failingOnce, List.of("failing"), Clock.systemUTC(), Duration.ofMillis(200),
                Duration.ofSeconds(30), "failing-instance", 2);
        mongo.insert(thing("apt-failing", 1, 2), "failing");
        relay.nudge("failing", "apt-failing");
        roundTrips.reset();

        assertThat(relay.relayWritten()).isZero();
        Document kept = mongo.findById("apt-failing", Document.class, "failing");
        assertThat(kept.getList("outbox", Document.class)).hasSize(2);
        assertThat(kept.getString(Outbox.RELAYING)).as("still found by the recovery query").isNotNull();
        assertThat(relay.backlog("failing").pending()).isEqualTo(2);
        assertThat(relay.relayWritten()).as("not before its pause").isZero();
        assertThat(attempts).hasValue(1);

        Thread.sleep(250);
        assertThat(relay.relayWritten()).isEqualTo(2);

        Document published = mongo.findById("apt-failing", Document.class, "failing");
        assertThat(published.getList("outbox", Document.class)).isEmpty();
        assertThat(published).doesNotContainKey(Outbox.RELAYING);
        assertThat(relay.backlog("failing").pending()).isZero();
        roundTrips.assertKeyLookupsOnly(mongo.getDb(),
                roundTrips.commands(MongoRoundTrips.onThread(Thread.currentThread().getName())));
    }

    @Test
    void keepsEachDocumentsEventsInOrderOnOnePublisherThread() {
        var sends = new ConcurrentLinkedQueue<String>();
        StreamBridge recordingThreads = mock(StreamBridge.class);
        when(recordingThreads.send(anyString(), any(Message.class))).thenAnswer(call -> {
            Envelope envelope = InboundEvents.envelope(call.getArgument(1, Message.class));
            sends.add(envelope.subject() + " " + envelope.revision() + " " + Thread.currentThread().getName());
            return true;
        });
        var relay = new OutboxRelay(mongo, recordingThreads, List.of("ordered"), Clock.systemUTC(),
                Duration.ofMillis(50), Duration.ofSeconds(30), "ordered-instance", 4);
        relay.start();
        try {
            for (int i = 0; i < 20; i++) {
                mongo.insert(thing("apt-ordered-" + i, 1, 2, 3), "ordered");
                relay.nudge("ordered", "apt-ordered-" + i);
            }
            for (int i = 0; i < 20; i++) {
                Envelope later = Envelope.of(AppointmentBooked.TYPE, "/test", Instant.now(), "apt-ordered-" + i,
                        "running-shoe", 4);
                mongo.updateFirst(query(where("_id").is("apt-ordered-" + i)), new Update()
                        .push("outbox", OutboxEntry.of("outbox-test", later, "{}")).set("outboxPending", true),
                        "ordered");
                relay.nudge("ordered", "apt-ordered-" + i);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> sends.size() >= 80);
        } finally {
            relay.stop();
        }

        Map<String, List<String[]>> bySubject = sends.stream().map(send -> send.split(" "))
                .collect(Collectors.groupingBy(send -> send[0]));
        assertThat(bySubject).hasSize(20);
        bySubject.forEach((subject, events) -> {
            assertThat(events).extracting(send -> send[1]).as(subject).containsExactly("1", "2", "3", "4");
            assertThat(events.stream().map(send -> send[2]).distinct()).as(subject).hasSize(1);
        });
    }

    @Test
    void keepsEventsAWriterAddsWhileTheDocumentIsBeingPublished() {
        var sends = new ConcurrentLinkedQueue<Message<?>>();
        var relay = new OutboxRelay[1];
        StreamBridge writerInBetween = mock(StreamBridge.class);
        when(writerInBetween.send(anyString(), any(Message.class))).thenAnswer(call -> {
            Message<?> message = call.getArgument(1, Message.class);
            sends.add(message);
            if (InboundEvents.envelope(message).revision() == 1) { // a writer adds an event during the first send
                Envelope later = Envelope.of(AppointmentBooked.TYPE, "/test", Instant.now(), "apt-raced",
                        "running-shoe", 2);
                mongo.updateFirst(query(where("_id").is("apt-raced")), new Update()
                        .push("outbox", OutboxEntry.of("outbox-test", later, "{}")).set("outboxPending", true), "raced");
                relay[0].nudge("raced", "apt-raced");
            }
            return true;
        });
        relay[0] = new OutboxRelay(mongo, writerInBetween, List.of("raced"), Clock.systemUTC(), Duration.ofMillis(50),
                Duration.ofSeconds(30), "raced-instance", 1);
        mongo.insert(thing("apt-raced", 1), "raced");
        relay[0].nudge("raced", "apt-raced");

        assertThat(relay[0].relayWritten()).isEqualTo(2);

        assertThat(sends).extracting(message -> InboundEvents.envelope(message).revision()).containsExactly(1L, 2L);
        Document stored = mongo.findById("apt-raced", Document.class, "raced");
        assertThat(stored.getList("outbox", Document.class)).isEmpty();
        assertThat(stored.getBoolean("outboxPending")).isFalse();
        assertThat(stored).doesNotContainKey(Outbox.RELAYING);
    }

    @Test
    void aDocumentAnotherRelayPublishedMeanwhileIsReadAgainNotCleared() {
        var sends = new ConcurrentLinkedQueue<String>();
        var other = new OutboxRelay(mongo, recording(new ConcurrentLinkedQueue<>()), List.of("contended"),
                Clock.systemUTC(), Duration.ofMillis(50), Duration.ofSeconds(30), "other", 1);
        StreamBridge otherRelayInBetween = mock(StreamBridge.class);
        when(otherRelayInBetween.send(anyString(), any(Message.class))).thenAnswer(call -> {
            sends.add(InboundEvents.envelope(call.getArgument(1, Message.class)).id());
            if (sends.size() == 1) { // while this relay sends, the other one publishes the same document
                other.nudge("contended", "apt-contended");
                assertThat(other.relayWritten()).isEqualTo(1);
            }
            return true;
        });
        var relay = new OutboxRelay(mongo, otherRelayInBetween, List.of("contended"), Clock.systemUTC(),
                Duration.ofMillis(50), Duration.ofSeconds(30), "first", 1);
        mongo.insert(thing("apt-contended", 1), "contended");
        relay.nudge("contended", "apt-contended");
        roundTrips.reset();

        relay.relayWritten();

        var mine = roundTrips.commands(MongoRoundTrips.onThread(Thread.currentThread().getName()));
        assertThat(sends).hasSize(1);
        Document stored = mongo.findById("apt-contended", Document.class, "contended");
        assertThat(stored.getList("outbox", Document.class)).isEmpty();
        assertThat(stored.getBoolean("outboxPending")).isFalse();
        assertThat(stored).doesNotContainKey(Outbox.RELAYING);
        assertThat(mine).extracting(MongoRoundTrips.Command::name).as("the other relay's two, then: missed, kept, "
                + "read again, cleared").containsExactly("findAndModify", "findAndModify", "update", "update", "update",
                "findAndModify", "update");
        roundTrips.assertKeyLookupsOnly(mongo.getDb(), mine);
    }

    @Test
    void twoInstancesPublishingOneDocumentLeaveItEmptyAndSendEveryEvent() {
        var sends = new ConcurrentLinkedQueue<Message<?>>();
        var first = new OutboxRelay(mongo, recording(sends), List.of("shared"), Clock.systemUTC(),
                Duration.ofMillis(50), Duration.ofSeconds(30), "first", 2);
        var second = new OutboxRelay(mongo, recording(sends), List.of("shared"), Clock.systemUTC(),
                Duration.ofMillis(50), Duration.ofSeconds(30), "second", 2);
        for (int i = 0; i < 30; i++) {
            mongo.insert(thing("apt-shared-" + i, 1, 2), "shared");
            first.nudge("shared", "apt-shared-" + i);
            second.nudge("shared", "apt-shared-" + i);
        }

        first.start();
        second.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> mongo.find(query(where("outboxPending").is(true)),
                    Document.class, "shared").isEmpty() && mongo.find(query(where(Outbox.RELAYING).exists(true)),
                    Document.class, "shared").isEmpty());
        } finally {
            first.stop();
            second.stop();
        }

        assertThat(sends.stream().map(message -> InboundEvents.envelope(message).id()).collect(Collectors.toSet()))
                .hasSize(60);
        assertThat(mongo.findAll(Document.class, "shared"))
                .allSatisfy(document -> assertThat(document.getList("outbox", Document.class)).isEmpty());
    }

    @Test
    void aSurvivorPublishesWhatAStoppedInstanceLeftOnceItsLeaseLapsed() throws InterruptedException {
        var sends = new ConcurrentLinkedQueue<Message<?>>();
        var survivor = new OutboxRelay(mongo, recording(sends), List.of("survived"), Clock.systemUTC(),
                Duration.ofMillis(50), Duration.ofMillis(900), "survivor", 2);
        survivor.start();
        try {
            awaitStartupRecovery("survived");
            roundTrips.reset();
            // the other instance renewed its lease, wrote an event and died before its relay published it
            Instant lapses = Instant.now().plusMillis(1500);
            mongo.updateFirst(query(where("_id").is("survived")), new Update()
                    .set("instances.dead", Date.from(lapses)).inc("version", 1), OutboxWriters.COLLECTION);
            mongo.insert(thing("apt-orphan", 1, 2), "survived");

            Thread.sleep(1000);
            assertThat(sends).as("the dead instance's lease still runs").isEmpty();

            await().atMost(Duration.ofSeconds(10)).until(() -> sends.size() == 2);
            assertThat(Instant.now()).isAfterOrEqualTo(lapses);
        } finally {
            survivor.stop();
        }

        assertThat(mongo.findById("apt-orphan", Document.class, "survived").getList("outbox", Document.class))
                .isEmpty();
        Document writers = mongo.findById("survived", Document.class, OutboxWriters.COLLECTION);
        assertThat(writers.get("instances", Document.class)).doesNotContainKey("dead");
        assertThat(roundTrips.scans(mongo.getDb(), roundTrips.commands(MongoRoundTrips.on("survived"))))
                .as("one recovery query after the death, every other command a key lookup").hasSize(1);
    }

    @Test
    void anIdleRelayOnlyRenewsItsLease() throws InterruptedException {
        for (int i = 0; i < 50; i++) {
            mongo.insert(new Thing("apt-idle-" + i, new ArrayList<>(), false), "idle");
        }
        var relay = new OutboxRelay(mongo, bridge, List.of("idle"), Clock.systemUTC(), Duration.ofMillis(50),
                Duration.ofMillis(1500));
        relay.start();
        try {
            awaitStartupRecovery("idle");
            Thread.sleep(100);
            roundTrips.reset();
            Thread.sleep(2000);
        } finally {
            relay.stop();
        }

        var idle = roundTrips.commands().stream().filter(command -> !command.name().equals("update")
                || !command.collection().equals(OutboxWriters.COLLECTION) || !command.thread().equals(
                Thread.currentThread().getName())).toList(); // leave out stop()'s removal of the lease
        assertThat(idle).isNotEmpty().allSatisfy(command -> {
            assertThat(command.collection()).isEqualTo(OutboxWriters.COLLECTION);
            assertThat(command.name()).isEqualTo("findAndModify");
            assertThat(command.filter().toJson()).isEqualTo("{\"_id\": \"idle\"}");
        });
        assertThat(idle).hasSizeLessThanOrEqualTo(5);
    }

    @Test
    void anInstanceThatStopsWithNothingLeftRemovesItsLease() {
        var relay = new OutboxRelay(mongo, bridge, List.of("leaving"), Clock.systemUTC(), Duration.ofMillis(50),
                Duration.ofSeconds(30), "leaving-instance", 2);
        relay.start();
        awaitStartupRecovery("leaving");
        assertThat(mongo.findById("leaving", Document.class, OutboxWriters.COLLECTION).get("instances", Document.class))
                .containsKey("leaving-instance");

        relay.stop();

        assertThat(mongo.findById("leaving", Document.class, OutboxWriters.COLLECTION).get("instances", Document.class))
                .doesNotContainKey("leaving-instance");
    }

    @Test
    void aDocumentNamedAfterAnInstanceStoppedIsPublishedByASurvivor() {
        var sends = new ConcurrentLinkedQueue<Message<?>>();
        var survivor = new OutboxRelay(mongo, recording(sends), List.of("late"), Clock.systemUTC(),
                Duration.ofMillis(50), Duration.ofMillis(900), "late-survivor", 1);
        var stopping = new OutboxRelay(mongo, recording(new ConcurrentLinkedQueue<>()), List.of("late"),
                Clock.systemUTC(), Duration.ofMillis(50), Duration.ofMillis(900), "late-stopping", 1);
        roundTrips.reset();
        survivor.start();
        stopping.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> roundTrips.count(MongoRoundTrips.on("late")
                    .and(command -> command.thread().equals("outbox-relay-lease"))
                    .and(command -> command.name().equals("find"))) >= 2); // both start-up recoveries are over
            stopping.stop(); // idle: it removes its lease
            assertThat(mongo.findById("late", Document.class, OutboxWriters.COLLECTION).get("instances",
                    Document.class)).doesNotContainKey("late-stopping").containsKey("late-survivor");

            // a request (or a consumed event) still running on the stopping instance writes and names its document
            mongo.insert(thing("apt-late", 1, 2), "late");
            stopping.nudge("late", "apt-late");

            await().atMost(Duration.ofSeconds(10)).until(() -> sends.size() == 2);
        } finally {
            survivor.stop();
        }

        assertThat(mongo.findById("apt-late", Document.class, "late").getList("outbox", Document.class)).isEmpty();
        assertThat(mongo.findById("late", Document.class, OutboxWriters.COLLECTION).get("instances", Document.class))
                .as("the survivor took the lapsed lease over").doesNotContainKey("late-stopping");
    }

    @Test
    void startsBeforeAndStopsAfterTheKafkaInputBindingsButStopsBeforeTheOutputBindings() {
        var relay = new OutboxRelay(mongo, bridge, List.of("phased"), Clock.systemUTC(), Duration.ofMillis(50),
                Duration.ofSeconds(30));
        int inputBindings = context.getBean(InputBindingLifecycle.class).getPhase();
        int outputBindings = context.getBean(OutputBindingLifecycle.class).getPhase();

        // a lower phase starts earlier and stops later
        assertThat(relay.getPhase()).isLessThan(inputBindings).isGreaterThan(outputBindings);
        assertThat(relay.getPhase()).as("after the web server's graceful shutdown and its stop")
                .isLessThan(Integer.MAX_VALUE - 2048);
    }

    @Test
    void logsAnUnreadableOutboxByDocumentIdAndExceptionClassOnly(CapturedOutput output) {
        var relay = new OutboxRelay(mongo, recording(new ConcurrentLinkedQueue<>()), List.of("unreadable"),
                Clock.systemUTC(), Duration.ofHours(1), Duration.ofSeconds(30), "unreadable-instance", 1);
        Document entry = new Document("eventId", "evt-unreadable").append("topic", "outbox-test")
                .append("subject", "patient-unreadable") // no revision: the entry cannot be built
                .append("payload", "{\"name\":\"Jane Roe\",\"phone\":\"+41 79 555 01 23\"}");
        mongo.insert(new Document("_id", "apt-unreadable").append("outbox", List.of(entry))
                .append("outboxPending", true), "unreadable");
        relay.nudge("unreadable", "apt-unreadable");

        assertThat(relay.relayWritten()).isZero();

        assertThat(output.getAll()).contains("cannot read the outbox of apt-unreadable")
                .doesNotContain("Jane Roe").doesNotContain("555 01 23");
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
            assertThat(record.headers().lastHeader("kafka_futureToken")).isNull();
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
    void gaugesTheBacklogAndTheAgeOfTheOldestPendingEventPerCollectionFromMemory() {
        Instant now = Instant.parse("2026-11-25T12:00:00Z");
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        StreamBridge down = mock(StreamBridge.class);
        when(down.send(anyString(), any(Message.class))).thenReturn(false);
        var relay = new OutboxRelay(mongo, down, List.of("backlog", "empty-backlog"), clock, Duration.ofHours(1),
                Duration.ofSeconds(30), "backlog-instance", 2);
        var metrics = new OutboxMetrics(List.of(relay), clock);
        Envelope older = Envelope.of(AppointmentBooked.TYPE, "/test", now.minusSeconds(90), "apt-b1", "running-shoe", 1);
        Envelope newer = Envelope.of(AppointmentBooked.TYPE, "/test", now.minusSeconds(5), "apt-b1", "running-shoe", 2);
        Envelope third = Envelope.of(AppointmentBooked.TYPE, "/test", now.minusSeconds(30), "apt-b2", "running-shoe", 1);
        mongo.save(new Thing("apt-b1", new ArrayList<>(List.of(OutboxEntry.of("t", older, "{}"),
                OutboxEntry.of("t", newer, "{}"))), true), "backlog");
        mongo.save(new Thing("apt-b2", new ArrayList<>(List.of(OutboxEntry.of("t", third, "{}"))), true), "backlog");
        relay.nudge("backlog", "apt-b1");
        relay.nudge("backlog", "apt-b2");
        relay.nudge("backlog", "apt-b3-not-read-yet");
        var registry = new SimpleMeterRegistry();
        metrics.bindTo(registry);
        assertThat(registry.get("clinic.outbox.pending").tag("collection", "backlog").gauge().value())
                .as("named, not read yet: one each").isEqualTo(3);

        relay.relayWritten(); // Kafka refuses: the events wait for their retry, counted and dated from what was read
        relay.nudge("backlog", "apt-b3-not-read-yet");
        roundTrips.reset();

        assertThat(registry.get("clinic.outbox.pending").tag("collection", "backlog").gauge().value()).isEqualTo(4);
        assertThat(registry.get("clinic.outbox.oldest.age").tag("collection", "backlog").gauge().value())
                .isEqualTo(90);
        assertThat(registry.get("clinic.outbox.pending").tag("collection", "empty-backlog").gauge().value()).isZero();
        assertThat(registry.get("clinic.outbox.oldest.age").tag("collection", "empty-backlog").gauge().value())
                .isZero();
        assertThat(roundTrips.commands()).as("gauges read no database").isEmpty();
    }

    /** Waits until the relay's start-up recovery has queried the collection. */
    private static void awaitStartupRecovery(String collection) {
        await().atMost(Duration.ofSeconds(10)).until(() -> roundTrips.count(MongoRoundTrips.on(collection)
                .and(command -> command.thread().equals("outbox-relay-lease"))
                .and(command -> command.name().equals("find"))) > 0);
    }

    private static Thing thing(String id, long... revisions) {
        List<OutboxEntry> outbox = new ArrayList<>();
        for (long revision : revisions) {
            outbox.add(OutboxEntry.of("outbox-test", Envelope.of(AppointmentBooked.TYPE, "/test", Instant.now(), id,
                    "running-shoe", revision), "{}"));
        }
        return new Thing(id, outbox, true);
    }

    private static StreamBridge recording(ConcurrentLinkedQueue<Message<?>> sends) {
        StreamBridge recording = mock(StreamBridge.class);
        when(recording.send(anyString(), any(Message.class))).thenAnswer(call -> {
            sends.add(call.getArgument(1, Message.class));
            return true;
        });
        return recording;
    }

    record Thing(@Id String id, List<OutboxEntry> outbox, boolean outboxPending) {
    }

    @SpringBootApplication
    static class TestApp {
        @Bean
        Consumer<Message<byte[]>> received() {
            return received::add;
        }

        @Bean
        MongoClientSettingsBuilderCustomizer roundTripsListener() {
            return MongoRoundTrips.customizer(roundTrips);
        }
    }
}
