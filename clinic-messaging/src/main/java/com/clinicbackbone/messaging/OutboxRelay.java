package com.clinicbackbone.messaging;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import io.opentelemetry.context.Scope;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.KafkaNull;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

/**
 * Publishes the events waiting in the {@code outbox} arrays of the given collections. Safe with several
 * instances: a document is leased with {@code findAndModify} before its events are sent, and the lease
 * expires if the instance dies, so another one picks it up (at-least-once; consumers de-duplicate).
 * Runs on its own thread: a writer that names the document it just wrote ({@link #nudge(String, Object)}) has it
 * leased by id and published at once; every {@code pollInterval} (or after {@link #nudge()}) the relay also looks
 * for pending events in the whole collection, which picks up what a crashed instance left.
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final MongoOperations mongo;
    private final StreamBridge bridge;
    private final List<String> collections;
    private final Clock clock;
    private final Duration pollInterval;
    private final Duration lease;
    /** Threads publishing the documents writers name; each document is leased, so they never publish one twice. */
    private static final int PUBLISHERS = 4;

    private final Semaphore wakeUp = new Semaphore(0);
    private final Semaphore writtenSignal = new Semaphore(0);
    private final Queue<Written> written = new ConcurrentLinkedQueue<>();
    private volatile boolean scanRequested;
    private volatile Thread worker;
    private volatile List<Thread> publishers = List.of();

    public OutboxRelay(MongoOperations mongo, StreamBridge bridge, List<String> collections, Clock clock,
                       Duration pollInterval, Duration lease) {
        this.mongo = mongo;
        this.bridge = bridge;
        this.collections = List.copyOf(collections);
        this.clock = clock;
        this.pollInterval = pollInterval;
        this.lease = lease;
    }

    private record Written(String collection, Object id) {
    }

    /** Asks the relay to look for pending events in every collection now instead of at the next poll. */
    public void nudge() {
        scanRequested = true;
        wakeUp.release();
    }

    /**
     * Tells the relay that the document {@code id} of {@code collection} was just written with new events: it is
     * leased by its id and published at once, without searching the collection.
     */
    public void nudge(String collection, Object id) {
        written.add(new Written(collection, id));
        writtenSignal.release();
    }

    /** Publishes everything pending now; returns how many events were published. */
    public int relayPending() {
        int published = relayWritten();
        for (String collection : collections) {
            Document leased;
            while ((leased = lease(collection, null)) != null) {
                published += publish(collection, leased);
            }
        }
        return published;
    }

    /** Publishes the pending events of the documents named by {@link #nudge(String, Object)}. */
    int relayWritten() {
        int published = 0;
        Written next;
        while ((next = written.poll()) != null) {
            Document leased = lease(next.collection(), next.id());
            if (leased != null) {
                published += publish(next.collection(), leased);
            }
        }
        return published;
    }

    /** Leases the document {@code id} if it has pending events, or (id null) any document that has. */
    private Document lease(String collection, Object id) {
        Date now = Date.from(clock.instant());
        Criteria which = id == null ? where(Outbox.PENDING).is(true) : where("_id").is(id).and(Outbox.PENDING).is(true);
        var pending = query(which.orOperator(
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
            // in the trace of the request that wrote the event: the producer's observation (if on) is its child
            try (Scope ignored = TraceContext.resume(entry.traceparent())) {
                if (!bridge.send(entry.topic(), toMessage(entry))) {
                    throw new IllegalStateException("Kafka did not accept event " + entry.eventId());
                }
            }
        }
        Object id = leased.get("_id");
        List<String> sent = entries.stream().map(OutboxEntry::eventId).toList();
        // one write when the outbox still holds exactly what was leased; otherwise a writer added events meanwhile:
        // remove the sent ones only and come back for the rest
        var unchanged = query(where("_id").is(id).and(Outbox.ENTRIES).size(sent.size()).and(Outbox.ENTRIES + ".eventId")
                .all(sent));
        var emptied = new Update().set(Outbox.ENTRIES, List.of()).set(Outbox.PENDING, false).unset(Outbox.LEASE_UNTIL);
        if (sent.isEmpty() || mongo.updateFirst(unchanged, emptied, collection).getMatchedCount() == 0) {
            mongo.updateFirst(query(where("_id").is(id)),
                    new Update().pull(Outbox.ENTRIES, new Document("eventId", new Document("$in", sent)))
                            .unset(Outbox.LEASE_UNTIL), collection);
            mongo.updateFirst(query(where("_id").is(id).and(Outbox.ENTRIES).size(0)),
                    new Update().set(Outbox.PENDING, false), collection);
            nudge(collection, id);
        }
        return entries.size();
    }

    static Message<?> toMessage(OutboxEntry entry) {
        Object payload = entry.isTombstone() ? KafkaNull.INSTANCE : entry.payload().getBytes(StandardCharsets.UTF_8);
        var message = MessageBuilder.withPayload(payload)
                .setHeader(KafkaHeaders.KEY, entry.subject().getBytes(StandardCharsets.UTF_8));
        entry.envelope().headers().forEach(message::setHeader);
        if (entry.traceparent() != null) {
            message.setHeader(TraceContext.TRACEPARENT, entry.traceparent());
        }
        return message.build();
    }

    /** The scan: every {@code pollInterval}, or at once after {@link #nudge()}. */
    private void loop() {
        while (worker == Thread.currentThread()) {
            try {
                scanRequested = false;
                relayPending();
            } catch (RuntimeException e) {
                log.warn("Outbox relay failed, retrying at the next poll: {}", e.toString());
            }
            try {
                if (!scanRequested) {
                    wakeUp.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
                }
                wakeUp.drainPermits();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Publishes the documents writers name, as soon as they name them. */
    private void publishWritten() {
        while (publishers.contains(Thread.currentThread())) {
            try {
                relayWritten();
            } catch (RuntimeException e) {
                log.warn("Outbox relay failed, the scan will retry: {}", e.toString());
            }
            try {
                writtenSignal.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
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
        List<Thread> started = new ArrayList<>();
        for (int i = 0; i < PUBLISHERS; i++) {
            Thread publisher = new Thread(this::publishWritten, "outbox-relay-" + i);
            publisher.setDaemon(true);
            started.add(publisher);
        }
        publishers = List.copyOf(started);
        thread.start();
        started.forEach(Thread::start);
    }

    @Override
    public void stop() {
        Thread thread = worker;
        worker = null;
        List<Thread> stopping = publishers;
        publishers = List.of();
        if (thread != null) {
            thread.interrupt();
        }
        stopping.forEach(Thread::interrupt);
    }

    @Override
    public boolean isRunning() {
        return worker != null;
    }
}
