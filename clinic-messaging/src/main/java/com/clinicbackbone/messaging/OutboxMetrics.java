package com.clinicbackbone.messaging;

import static org.springframework.data.mongodb.core.aggregation.Aggregation.group;
import static org.springframework.data.mongodb.core.aggregation.Aggregation.match;
import static org.springframework.data.mongodb.core.aggregation.Aggregation.newAggregation;
import static org.springframework.data.mongodb.core.aggregation.Aggregation.unwind;
import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoOperations;

/**
 * The outbox backlog per collection, read at scrape time (one aggregation over the pending documents, cached for
 * {@code maxAge} so that several gauges and scrapers share it): {@code clinic.outbox.pending} (events not yet
 * published) and {@code clinic.outbox.oldest.age} (seconds since the oldest of them was written; 0 when none).
 */
public class OutboxMetrics implements MeterBinder {

    private final MongoOperations mongo;
    private final List<String> collections;
    private final Clock clock;
    private final Duration maxAge;
    private final Map<String, Backlog> cache = new ConcurrentHashMap<>();

    public OutboxMetrics(MongoOperations mongo, List<String> collections, Clock clock, Duration maxAge) {
        this.mongo = mongo;
        this.collections = List.copyOf(collections);
        this.clock = clock;
        this.maxAge = maxAge;
    }

    /** What one collection's outbox holds: the number of events and when the oldest was written (null if none). */
    public record Backlog(long pending, Instant oldest, Instant readAt) {
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String collection : collections) {
            Gauge.builder("clinic.outbox.pending", this, metrics -> metrics.backlog(collection).pending())
                    .description("Events written to the outbox and not yet published to Kafka")
                    .tag("collection", collection)
                    .register(registry);
            Gauge.builder("clinic.outbox.oldest.age", this, metrics -> metrics.oldestAgeSeconds(collection))
                    .description("Age of the oldest event still waiting in the outbox (0 when empty)")
                    .baseUnit("seconds")
                    .tag("collection", collection)
                    .register(registry);
        }
    }

    double oldestAgeSeconds(String collection) {
        Instant oldest = backlog(collection).oldest();
        return oldest == null ? 0 : Math.max(0, Duration.between(oldest, clock.instant()).toMillis() / 1000.0);
    }

    /** The collection's backlog, read again when the cached one is older than {@code maxAge}. */
    public Backlog backlog(String collection) {
        Instant now = clock.instant();
        return cache.compute(collection, (name, cached) ->
                cached != null && cached.readAt().plus(maxAge).isAfter(now) ? cached : read(name, now));
    }

    private Backlog read(String collection, Instant now) {
        var aggregation = newAggregation(
                match(where(Outbox.PENDING).is(true)),
                unwind(Outbox.ENTRIES),
                group().count().as("pending").min(Outbox.ENTRIES + ".time").as("oldest"));
        Document result = mongo.aggregate(aggregation, collection, Document.class).getUniqueMappedResult();
        if (result == null) {
            return new Backlog(0, null, now);
        }
        Date oldest = result.get("oldest", Date.class);
        return new Backlog(((Number) result.get("pending")).longValue(), oldest == null ? null : oldest.toInstant(),
                now);
    }
}
