package com.clinicbackbone.messaging;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.KafkaNull;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

/**
 * Publishes the events waiting in the {@code outbox} arrays of the given collections. Safe with several
 * instances: a document is leased with {@code findAndModify} before its events are sent, and the lease
 * expires if the instance dies, so another one picks it up (at-least-once; consumers de-duplicate).
 * Runs on its own thread, polling, and wakes at once when {@link #nudge()} is called after a write.
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final MongoOperations mongo;
    private final StreamBridge bridge;
    private final List<String> collections;
    private final Clock clock;
    private final Duration pollInterval;
    private final Duration lease;
    private final Semaphore wakeUp = new Semaphore(0);
    private volatile Thread worker;

    public OutboxRelay(MongoOperations mongo, StreamBridge bridge, List<String> collections, Clock clock,
                       Duration pollInterval, Duration lease) {
        this.mongo = mongo;
        this.bridge = bridge;
        this.collections = List.copyOf(collections);
        this.clock = clock;
        this.pollInterval = pollInterval;
        this.lease = lease;
    }

    /** Asks the relay to look for pending events now instead of at the next poll. */
    public void nudge() {
        wakeUp.release();
    }

    /** Publishes everything pending now; returns how many events were published. */
    public int relayPending() {
        int published = 0;
        for (String collection : collections) {
            Document leased;
            while ((leased = leaseNext(collection)) != null) {
                published += publish(collection, leased);
            }
        }
        return published;
    }

    private Document leaseNext(String collection) {
        Date now = Date.from(clock.instant());
        var pending = query(where(Outbox.PENDING).is(true).orOperator(
                where(Outbox.LEASE_UNTIL).is(null), where(Outbox.LEASE_UNTIL).lt(now)));
        var takeLease = new Update().set(Outbox.LEASE_UNTIL, Date.from(clock.instant().plus(lease)));
        return mongo.findAndModify(pending, takeLease, FindAndModifyOptions.options().returnNew(true),
                Document.class, collection);
    }

    private int publish(String collection, Document leased) {
        List<OutboxEntry> entries = leased.getList(Outbox.ENTRIES, Document.class, List.of()).stream()
                .map(entry -> mongo.getConverter().read(OutboxEntry.class, entry))
                .toList();
        for (OutboxEntry entry : entries) {
            if (!bridge.send(entry.topic(), toMessage(entry))) {
                throw new IllegalStateException("Kafka did not accept event " + entry.eventId());
            }
        }
        Object id = leased.get("_id");
        List<String> sent = entries.stream().map(OutboxEntry::eventId).toList();
        mongo.updateFirst(query(where("_id").is(id)),
                new Update().pull(Outbox.ENTRIES, new Document("eventId", new Document("$in", sent)))
                        .unset(Outbox.LEASE_UNTIL), collection);
        mongo.updateFirst(query(where("_id").is(id).and(Outbox.ENTRIES).size(0)),
                new Update().set(Outbox.PENDING, false), collection);
        return entries.size();
    }

    static Message<?> toMessage(OutboxEntry entry) {
        Object payload = entry.isTombstone() ? KafkaNull.INSTANCE : entry.payload().getBytes(StandardCharsets.UTF_8);
        var message = MessageBuilder.withPayload(payload)
                .setHeader(KafkaHeaders.KEY, entry.subject().getBytes(StandardCharsets.UTF_8));
        entry.envelope().headers().forEach(message::setHeader);
        return message.build();
    }

    private void loop() {
        while (worker == Thread.currentThread()) {
            try {
                relayPending();
            } catch (RuntimeException e) {
                log.warn("Outbox relay failed, retrying at the next poll: {}", e.toString());
            }
            try {
                wakeUp.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
                wakeUp.drainPermits();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void start() {
        Thread thread = new Thread(this::loop, "outbox-relay");
        thread.setDaemon(true);
        worker = thread;
        thread.start();
    }

    @Override
    public void stop() {
        Thread thread = worker;
        worker = null;
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return worker != null;
    }
}
