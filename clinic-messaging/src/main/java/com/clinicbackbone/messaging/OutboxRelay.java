package com.clinicbackbone.messaging;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.opentelemetry.context.Scope;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.integration.kafka.support.KafkaIntegrationHeaders;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.KafkaNull;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

/**
 * Publishes the events waiting in the {@code outbox} arrays of the given collections (see {@link Outbox}), woken by
 * the writes that need it; idle, it does nothing but renew its lease.
 * <ul>
 * <li>A writer names the document it just wrote ({@link #nudge(String, Object)}). The id goes to one of a few
 * publisher threads, always the same one for the same document, so one aggregate's events keep their order.</li>
 * <li>A publisher takes the ids waiting for it as a batch, marks and reads those documents by {@code _id} (one
 * {@code findAndModify} for a single document, or an update and a find on {@code _id $in}), sends every event
 * asynchronously in the document's order, waits once for Kafka to acknowledge the batch, and removes exactly the
 * sent events with one bulk update of compare-and-sets on {@code {_id, outboxRelaying}} (a unique key this relay
 * creates). So a document costs two round trips alone and fewer in a batch; all of them are key
 * lookups.</li>
 * <li>A document whose events Kafka did not take keeps them and its id is tried again after a growing pause.</li>
 * <li>Recovery: every instance renews a lease in {@code outbox_writers} ({@link OutboxWriters}), one small keyed
 * write every third of {@code lease}. Only at start-up, or when an instance's lease lapsed (it died with events
 * maybe unsent), does an instance look for pending documents in its collections: one query on
 * {@code outboxPending: true} or an {@code outboxRelaying} token (indexed on MongoDB; a scan on the embedded
 * server, which happens only then).</li>
 * </ul>
 * Several instances are safe: at worst an event is sent twice (at-least-once; consumers de-duplicate by event id or
 * revision). The events of one document stay in order within an instance.
 * <p>
 * Shutdown: the relay starts before and stops after whatever writes events ({@link #PHASE}: after the web server's
 * graceful shutdown and the Kafka input bindings, before the output bindings that send). A document named after
 * its publishers stopped is not lost: the relay then leaves a lapsed lease, so a surviving instance (or the next
 * start-up) recovers it.
 * <p>
 * Logs name exceptions by class and documents by id only: a message may carry an event's payload (personal data).
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    /** Publisher threads of a relay unless given. */
    static final int PUBLISHERS = 4;
    /** At most this many documents are read and published together. */
    static final int BATCH = 200;
    /** How long a batch waits for Kafka's acknowledgements before its unacknowledged documents count as failed. */
    static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);
    /** How long {@link #stop()} lets the publishers finish what is queued. */
    static final Duration DRAIN = Duration.ofSeconds(5);
    /**
     * The relay's {@link SmartLifecycle} phase: below the Kafka input bindings ({@code Integer.MAX_VALUE - 3000}) and
     * the web server ({@code Integer.MAX_VALUE - 1024} and {@code - 2048}), so it starts before and stops after the
     * requests and consumed events that write; above the output bindings ({@code Integer.MIN_VALUE + 1000}) and
     * Kafka's producer factories ({@code Integer.MIN_VALUE}), so it can still send while it drains.
     */
    public static final int PHASE = Integer.MAX_VALUE - 4096;

    private static final Set<OutboxRelay> RUNNING = ConcurrentHashMap.newKeySet();

    private final MongoOperations mongo;
    private final StreamBridge bridge;
    private final List<String> collections;
    private final Clock clock;
    private final Duration retryBackoff;
    private final Duration maxBackoff;
    private final Duration lease;
    private final String instanceId;
    private final OutboxWriters writers;
    private final List<Lane> lanes;
    private final AtomicLong tokens = new AtomicLong();
    private final Set<String> indexed = ConcurrentHashMap.newKeySet();
    private final Semaphore sweepSignal = new Semaphore(0);
    private volatile boolean sweepRequested;
    private volatile Thread watcher;
    /** Guards the lease at and after {@link #stop()}: whether this instance removed it. */
    private final Object leaseLock = new Object();
    private boolean leaseRemoved;

    /**
     * A relay with a random instance id and {@value #PUBLISHERS} publisher threads.
     *
     * @param retryBackoff the first pause before a document whose events Kafka did not take is tried again (it
     *                     doubles up to {@code lease})
     * @param lease        how long this instance's lease lasts unless renewed: after that, a surviving instance
     *                     recovers what it left
     */
    public OutboxRelay(MongoOperations mongo, StreamBridge bridge, List<String> collections, Clock clock,
                       Duration retryBackoff, Duration lease) {
        this(mongo, bridge, collections, clock, retryBackoff, lease, UUID.randomUUID().toString(), PUBLISHERS);
    }

    public OutboxRelay(MongoOperations mongo, StreamBridge bridge, List<String> collections, Clock clock,
                       Duration retryBackoff, Duration lease, String instanceId, int publishers) {
        this.mongo = mongo;
        this.bridge = bridge;
        this.collections = List.copyOf(collections);
        this.clock = clock;
        this.retryBackoff = !retryBackoff.isNegative() && !retryBackoff.isZero() ? retryBackoff : Duration.ofMillis(100);
        this.maxBackoff = lease.compareTo(this.retryBackoff) > 0 ? lease : this.retryBackoff;
        this.lease = lease;
        this.instanceId = instanceId;
        // leases measure whether an instance is alive: real time, not the business clock that tests move
        this.writers = new OutboxWriters(mongo, this.collections, instanceId, Clock.systemUTC(), lease);
        List<Lane> created = new ArrayList<>();
        for (int i = 0; i < Math.max(1, publishers); i++) {
            created.add(new Lane());
        }
        this.lanes = List.copyOf(created);
    }

    /** The relays running in this JVM (for {@link OutboxMetrics} built without them). */
    static Collection<OutboxRelay> running() {
        return Set.copyOf(RUNNING);
    }

    public List<String> collections() {
        return collections;
    }

    public String instanceId() {
        return instanceId;
    }

    /**
     * Tells the relay that the document {@code id} of {@code collection} was just written with new events: its
     * publisher reads it by id and publishes them.
     */
    public void nudge(String collection, Object id) {
        Key key = new Key(collection, id);
        if (!lanes.get(Math.floorMod(key.hashCode(), lanes.size())).add(key, clock.instant())) {
            left(key);
        }
    }

    /**
     * A document was named after its publisher stopped (a write finishing during shutdown): this instance will not
     * publish it. If {@link #stop()} removed the lease, a lapsed one goes back, so that a surviving instance takes it
     * over and recovers the document (otherwise the lease lapses by itself, not being renewed).
     */
    private void left(Key key) {
        synchronized (leaseLock) {
            log.info("Outbox relay {} stopped before it could publish {} {}; a surviving instance (or the next "
                    + "start-up) recovers it", instanceId, key.collection(), key.id());
            if (leaseRemoved) {
                try {
                    writers.lapse();
                    leaseRemoved = false;
                } catch (RuntimeException e) {
                    log.warn("Outbox relay {} could not leave its lease for a survivor; the next start-up recovers "
                            + "the document: {}", instanceId, describe(e));
                }
            }
        }
    }

    /**
     * Asks the relay to look for pending events in its whole collections now (an operator's request; costs one
     * query per collection, a scan on the embedded server).
     */
    public void nudge() {
        sweepRequested = true;
        sweepSignal.release();
    }

    /** Looks for pending documents and publishes everything pending now, on the calling thread; returns the count. */
    public int relayPending() {
        sweep();
        return relayWritten();
    }

    /** Publishes the documents named so far (those due), on the calling thread; returns how many events were sent. */
    int relayWritten() {
        int published = 0;
        for (Lane lane : lanes) {
            List<Key> batch;
            while (!(batch = lane.takeNow(BATCH)).isEmpty()) {
                published += publish(lane, batch);
            }
        }
        return published;
    }

    /** What this relay knows to be waiting in one collection: queued documents, those in flight and retried. */
    public OutboxMetrics.Backlog backlog(String collection) {
        long pending = 0;
        Instant oldest = null;
        for (Lane lane : lanes) {
            for (Waiting waiting : lane.waiting(collection)) {
                pending += Math.max(1, waiting.events());
                Instant since = waiting.oldestEvent() != null ? waiting.oldestEvent() : waiting.since();
                oldest = oldest == null || since.isBefore(oldest) ? since : oldest;
            }
        }
        return new OutboxMetrics.Backlog(pending, oldest, clock.instant());
    }

    /** Queues every document of the collections that may hold unpublished events; returns how many. */
    int sweep() {
        int found = 0;
        for (String collection : collections) {
            ensureIndexes(collection);
            Query pending = new Query(new Criteria().orOperator(where(Outbox.PENDING).is(true),
                    where(Outbox.RELAYING).exists(true)));
            pending.fields().include("_id");
            try (Stream<Document> documents = mongo.stream(pending, Document.class, collection)) {
                for (Iterator<Document> it = documents.iterator(); it.hasNext(); found++) {
                    nudge(collection, it.next().get("_id"));
                }
            }
        }
        if (found > 0) {
            log.info("Outbox relay {} found {} document(s) with events to publish in {}", instanceId, found,
                    collections);
        }
        return found;
    }

    private int publish(Lane lane, List<Key> batch) {
        Map<String, List<Key>> byCollection = new LinkedHashMap<>();
        batch.forEach(key -> byCollection.computeIfAbsent(key.collection(), name -> new ArrayList<>()).add(key));
        int published = 0;
        for (Map.Entry<String, List<Key>> keys : byCollection.entrySet()) {
            try {
                published += publish(lane, keys.getKey(), keys.getValue());
            } catch (RuntimeException e) {
                log.warn("Outbox relay could not publish from {}, trying again later: {}", keys.getKey(),
                        describe(e));
                keys.getValue().forEach(key -> lane.failed(key, 0, null));
            }
        }
        return published;
    }

    /** One batch of one collection: mark and read by id, send all, wait once, remove what was sent by key. */
    private int publish(Lane lane, String collection, List<Key> keys) {
        ensureIndexes(collection);
        String token = instanceId + "-" + tokens.incrementAndGet();
        Map<Object, Key> byId = new LinkedHashMap<>();
        keys.forEach(key -> byId.put(key.id(), key));
        List<Sending> sendings = new ArrayList<>();
        for (Document document : markAndRead(collection, List.copyOf(byId.keySet()), token)) {
            sendings.add(send(document));
        }
        awaitAcknowledgements(sendings);

        List<Sending> sent = new ArrayList<>();
        for (Sending sending : sendings) {
            Key key = byId.remove(sending.id());
            if (sending.acknowledged()) {
                sent.add(sending);
            } else if (key != null) {
                lane.failed(key, sending.entries().size(), sending.oldestEvent());
            }
        }
        byId.values().forEach(lane::done); // no such document (any more): nothing to publish
        if (clear(collection, token, sent)) {
            sent.forEach(sending -> lane.done(new Key(collection, sending.id())));
        } else {
            // a writer added events (or another relay took the document) meanwhile: keep the rest, read it again
            sent.forEach(sending -> lane.again(new Key(collection, sending.id())));
        }
        return sent.stream().mapToInt(sending -> sending.entries().size()).sum();
    }

    /**
     * Sets {@code outboxPending: false, outboxRelaying: token} on the documents and reads their outboxes. A write that
     * adds events after this sets {@code outboxPending} again, so they stay pending after {@link #clear}.
     */
    private List<Document> markAndRead(String collection, List<Object> ids, String token) {
        Update mark = new Update().set(Outbox.PENDING, false).set(Outbox.RELAYING, token);
        if (ids.size() == 1) {
            Query one = query(where("_id").is(ids.get(0)));
            one.fields().include(Outbox.ENTRIES);
            Document document = mongo.findAndModify(one, mark, FindAndModifyOptions.options().returnNew(true),
                    Document.class, collection);
            return document == null ? List.of() : List.of(document);
        }
        mongo.updateMulti(query(where("_id").in(ids)), mark, collection);
        Query all = query(where("_id").in(ids));
        all.fields().include(Outbox.ENTRIES);
        return mongo.find(all, Document.class, collection);
    }

    /**
     * Sends a document's events in order without waiting; stops at the first one Kafka refuses at once. A document
     * whose outbox cannot be read fails alone (and is tried again later), not the batch.
     */
    private Sending send(Document document) {
        List<OutboxEntry> entries;
        try {
            entries = document.getList(Outbox.ENTRIES, Document.class, List.of()).stream()
                    .map(entry -> mongo.getConverter().read(OutboxEntry.class, entry))
                    .toList();
        } catch (RuntimeException e) {
            log.warn("Outbox relay cannot read the outbox of {}, trying again later: {}", document.get("_id"),
                    describe(e));
            return new Sending(document.get("_id"), List.of(), List.of(CompletableFuture.failedFuture(e)));
        }
        List<CompletableFuture<?>> acks = new ArrayList<>();
        for (OutboxEntry entry : entries) {
            CompletableFuture<?> ack = send(entry);
            acks.add(ack);
            if (ack.isCompletedExceptionally()) {
                break;
            }
        }
        return new Sending(document.get("_id"), entries, acks);
    }

    private CompletableFuture<?> send(OutboxEntry entry) {
        // in the trace of the request that wrote the event: the producer's observation (if on) is its child
        try (Scope ignored = TraceContext.resume(entry.traceparent())) {
            KafkaSendFutures.clear();
            boolean accepted = bridge.send(entry.topic(), toMessage(entry));
            CompletableFuture<?> ack = KafkaSendFutures.take();
            if (!accepted) {
                return CompletableFuture.failedFuture(
                        new IllegalStateException("Kafka did not accept event " + entry.eventId()));
            }
            // without a future the binding sent synchronously: accepted means acknowledged
            return ack != null ? ack : CompletableFuture.completedFuture(null);
        } catch (RuntimeException e) {
            KafkaSendFutures.clear();
            return CompletableFuture.failedFuture(e);
        }
    }

    private static void awaitAcknowledgements(List<Sending> sendings) {
        CompletableFuture<?>[] all = sendings.stream().flatMap(sending -> sending.acks().stream())
                .toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(all).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // the documents with a failed or unanswered send are tried again; the others are done
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Removes the sent events of every document still marked with {@code token}: one bulk update of exact-key
     * compare-and-sets on {@code {_id, outboxRelaying}}. A write that added events meanwhile set {@code outboxPending}
     * again, which this leaves as it is. Returns false when a document carries another relay's token (it marked the
     * document after this one did); then the sent events are removed by id alone, the documents are marked pending
     * again and read once more, and the other relay's token stays for it to clear (or for the recovery to find).
     */
    private boolean clear(String collection, String token, List<Sending> sent) {
        if (sent.isEmpty()) {
            return true;
        }
        BulkOperations cleared = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, collection);
        for (Sending sending : sent) {
            cleared.updateOne(query(where("_id").is(sending.id()).and(Outbox.RELAYING).is(token)),
                    withoutSent(sending).unset(Outbox.RELAYING));
        }
        if (cleared.execute().getMatchedCount() == sent.size()) {
            return true;
        }
        BulkOperations kept = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, collection);
        for (Sending sending : sent) {
            kept.updateOne(query(where("_id").is(sending.id())), withoutSent(sending).set(Outbox.PENDING, true));
        }
        kept.execute();
        return false;
    }

    private static Update withoutSent(Sending sending) {
        Update update = new Update();
        if (!sending.entries().isEmpty()) {
            List<String> sent = sending.entries().stream().map(OutboxEntry::eventId).toList();
            update.pull(Outbox.ENTRIES, new Document("eventId", new Document("$in", sent)));
        }
        return update;
    }

    /**
     * The unique key of the clearing compare-and-set (so the embedded server serves it from an index, like MongoDB
     * serves it from {@code _id}), and the sparse index the recovery query uses on MongoDB.
     */
    private void ensureIndexes(String collection) {
        if (indexed.add(collection)) {
            var indexes = mongo.indexOps(collection);
            indexes.createIndex(new Index().on("_id", Sort.Direction.ASC).on(Outbox.RELAYING, Sort.Direction.ASC)
                    .unique().named("outbox_relay_key"));
            indexes.createIndex(new Index().on(Outbox.RELAYING, Sort.Direction.ASC).sparse().named("outbox_relaying"));
        }
    }

    /**
     * An exception for the log: its class and its causes' classes, never a message (a mapping exception's message
     * holds the constructor arguments, that is an event's payload).
     */
    static String describe(Throwable e) {
        StringBuilder described = new StringBuilder(e.getClass().getName());
        Throwable cause = e.getCause();
        for (int depth = 0; cause != null && cause != e && depth < 5; depth++, e = cause, cause = cause.getCause()) {
            described.append(" caused by ").append(cause.getClass().getName());
        }
        return described.toString();
    }

    static Message<?> toMessage(OutboxEntry entry) {
        Object payload = entry.isTombstone() ? KafkaNull.INSTANCE : entry.payload().getBytes(StandardCharsets.UTF_8);
        var message = MessageBuilder.withPayload(payload)
                .setHeader(KafkaHeaders.KEY, entry.subject().getBytes(StandardCharsets.UTF_8))
                .setHeader(KafkaIntegrationHeaders.FUTURE_TOKEN, entry.eventId());
        entry.envelope().headers().forEach(message::setHeader);
        if (entry.traceparent() != null) {
            message.setHeader(TraceContext.TRACEPARENT, entry.traceparent());
        }
        return message.build();
    }

    /** Renews the lease every third of it; sweeps at start-up, after taking over a dead instance, or on request. */
    private void watch() {
        boolean sweepOwed = true;
        long renewEvery = Math.max(50, lease.toMillis() / 3);
        while (watcher == Thread.currentThread()) {
            try {
                List<String> tookOver = writers.renewAndTakeOverLapsed();
                if (!tookOver.isEmpty()) {
                    log.info("Outbox relay {} recovers the events of stopped instance(s) {}", instanceId, tookOver);
                    sweepOwed = true;
                }
                if (sweepRequested) {
                    sweepRequested = false;
                    sweepOwed = true;
                }
                if (sweepOwed) {
                    sweep();
                    sweepOwed = false;
                }
            } catch (RuntimeException e) {
                if (watcher == Thread.currentThread()) { // not the interrupt of stop()
                    log.warn("Outbox relay {} could not renew its lease or recover, trying again: {}", instanceId,
                            describe(e));
                }
            }
            try {
                sweepSignal.tryAcquire(renewEvery, TimeUnit.MILLISECONDS);
                sweepSignal.drainPermits();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void start() {
        Thread thread = new Thread(this::watch, "outbox-relay-lease");
        thread.setDaemon(true);
        synchronized (leaseLock) {
            leaseRemoved = false;
        }
        watcher = thread;
        for (int i = 0; i < lanes.size(); i++) {
            lanes.get(i).start("outbox-relay-" + i);
        }
        RUNNING.add(this);
        thread.start();
    }

    /**
     * Stops renewing the lease and lets the publishers finish what is queued (for up to {@link #DRAIN}). Only when
     * nothing is left does it remove its lease; otherwise the lease lapses and a surviving instance recovers the
     * rest. A document named after this gives a surviving instance its lease back (see {@link #nudge(String,
     * Object)}).
     */
    @Override
    public void stop() {
        Thread thread = watcher;
        watcher = null;
        long deadline = System.nanoTime() + DRAIN.toNanos();
        if (thread != null) {
            thread.interrupt();
        }
        lanes.forEach(Lane::close);
        for (Lane lane : lanes) {
            lane.join(deadline);
        }
        if (thread != null) {
            join(thread, deadline); // a renewal in flight must not put the lease back after it is removed
        }
        RUNNING.remove(this);
        synchronized (leaseLock) {
            if (thread != null && lanes.stream().allMatch(Lane::idle)) {
                try {
                    writers.leave();
                    leaseRemoved = true;
                } catch (RuntimeException e) {
                    log.warn("Outbox relay {} could not remove its lease; it lapses: {}", instanceId, describe(e));
                }
            }
        }
    }

    private static void join(Thread thread, long deadlineNanos) {
        try {
            thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** After the web server and the Kafka input bindings, before the output bindings: see {@link #PHASE}. */
    @Override
    public int getPhase() {
        return PHASE;
    }

    @Override
    public boolean isRunning() {
        return watcher != null;
    }

    /** A document to publish. */
    record Key(String collection, Object id) {
    }

    /** A document waiting: since when, how many failed attempts, and (once read) its events. */
    record Waiting(Instant since, int attempts, long dueNanos, int events, Instant oldestEvent) {
    }

    /** A document's events as sent, with Kafka's acknowledgement of each. */
    private record Sending(Object id, List<OutboxEntry> entries, List<CompletableFuture<?>> acks) {

        boolean acknowledged() {
            return acks.size() == entries.size()
                    && acks.stream().allMatch(ack -> ack.isDone() && !ack.isCompletedExceptionally());
        }

        Instant oldestEvent() {
            return entries.stream().map(OutboxEntry::time).filter(time -> time != null).min(Instant::compareTo)
                    .orElse(null);
        }
    }

    /** The documents one publisher thread owns: queued, in flight, and waiting to be tried again. */
    private final class Lane {

        private final LinkedHashMap<Key, Waiting> queued = new LinkedHashMap<>();
        private final Map<Key, Waiting> inFlight = new HashMap<>();
        private final Map<Key, Waiting> retrying = new HashMap<>();
        private Thread thread;
        private boolean closing;
        /** The publisher thread ended (the relay stopped): nothing added now gets published by this instance. */
        private boolean finished;

        /** Queues the document; false when this lane's publisher thread has ended and will not publish it. */
        synchronized boolean add(Key key, Instant since) {
            if (!retrying.containsKey(key) && !queued.containsKey(key)) {
                queued.put(key, new Waiting(since, 0, 0, 0, null));
                notifyAll();
            }
            return !finished;
        }

        /** A batch: queued documents first, then retries that are due; empty when there is none now. */
        synchronized List<Key> takeNow(int max) {
            List<Key> batch = new ArrayList<>();
            for (Iterator<Map.Entry<Key, Waiting>> it = queued.entrySet().iterator(); it.hasNext()
                    && batch.size() < max; ) {
                Map.Entry<Key, Waiting> next = it.next();
                batch.add(next.getKey());
                inFlight.put(next.getKey(), next.getValue());
                it.remove();
            }
            long now = System.nanoTime();
            for (Iterator<Map.Entry<Key, Waiting>> it = retrying.entrySet().iterator(); it.hasNext()
                    && batch.size() < max; ) {
                Map.Entry<Key, Waiting> next = it.next();
                if (next.getValue().dueNanos() - now <= 0) {
                    batch.add(next.getKey());
                    inFlight.put(next.getKey(), next.getValue());
                    it.remove();
                }
            }
            return batch;
        }

        /** Waits for a batch; empty once closing and nothing is due. */
        synchronized List<Key> take(int max) throws InterruptedException {
            while (true) {
                List<Key> batch = takeNow(max);
                if (!batch.isEmpty() || closing) {
                    return batch;
                }
                long now = System.nanoTime();
                OptionalLong nextDue = retrying.values().stream().mapToLong(waiting -> waiting.dueNanos() - now)
                        .min();
                wait(nextDue.isEmpty() ? 0 : Math.max(1, TimeUnit.NANOSECONDS.toMillis(nextDue.getAsLong())));
            }
        }

        synchronized void done(Key key) {
            inFlight.remove(key);
        }

        /** Sent, but the document changed meanwhile: read it again soon. */
        synchronized void again(Key key) {
            Waiting waiting = inFlight.remove(key);
            queued.putIfAbsent(key, waiting != null ? waiting : new Waiting(clock.instant(), 0, 0, 0, null));
        }

        /** Kafka (or MongoDB) failed: try the document again after a pause that doubles with every attempt. */
        synchronized void failed(Key key, int events, Instant oldestEvent) {
            Waiting waiting = inFlight.remove(key);
            Instant since = waiting != null ? waiting.since() : clock.instant();
            int attempts = waiting != null ? waiting.attempts() + 1 : 1;
            long pause = Math.min(maxBackoff.toNanos(),
                    retryBackoff.toNanos() << Math.min(attempts - 1, 20));
            queued.remove(key);
            retrying.put(key, new Waiting(since, attempts, System.nanoTime() + pause,
                    events > 0 ? events : waiting != null ? waiting.events() : 0,
                    oldestEvent != null ? oldestEvent : waiting != null ? waiting.oldestEvent() : null));
            notifyAll();
        }

        synchronized List<Waiting> waiting(String collection) {
            List<Waiting> found = new ArrayList<>();
            for (Map<Key, Waiting> map : List.of(queued, inFlight, retrying)) {
                map.forEach((key, waiting) -> {
                    if (key.collection().equals(collection)) {
                        found.add(waiting);
                    }
                });
            }
            return found;
        }

        synchronized boolean idle() {
            return queued.isEmpty() && inFlight.isEmpty() && retrying.isEmpty();
        }

        synchronized void start(String name) {
            closing = false;
            finished = false;
            thread = new Thread(this::run, name);
            thread.setDaemon(true);
            thread.start();
        }

        synchronized void close() {
            closing = true;
            notifyAll();
        }

        void join(long deadlineNanos) {
            Thread running;
            synchronized (this) {
                running = thread;
            }
            if (running == null) {
                return;
            }
            try {
                running.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            running.interrupt();
        }

        private void run() {
            try {
                while (true) {
                    List<Key> batch;
                    try {
                        batch = take(BATCH);
                    } catch (InterruptedException e) {
                        return;
                    }
                    if (batch.isEmpty()) {
                        return; // closing
                    }
                    publish(this, batch);
                }
            } finally {
                Key orphan = finish();
                if (orphan != null) {
                    left(orphan); // named while this thread was ending: the stopping relay may have judged it idle
                }
            }
        }

        /** Marks the thread ended; returns a document queued but not published, if any. */
        private synchronized Key finish() {
            finished = true;
            return queued.isEmpty() ? null : queued.keySet().iterator().next();
        }
    }
}
