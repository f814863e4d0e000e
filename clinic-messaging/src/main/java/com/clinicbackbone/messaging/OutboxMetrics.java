package com.clinicbackbone.messaging;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.data.mongodb.core.MongoOperations;

/**
 * The outbox backlog per collection as this instance's relays know it, kept in memory (reading it from MongoDB would
 * be a scan of the collection): {@code clinic.outbox.pending} (events named to the relay and not yet published; a
 * document not read yet counts as one) and {@code clinic.outbox.oldest.age} (seconds since the oldest of them was
 * written, or named when not read yet; 0 when none). Prometheus sums and maxes them over the instances. Events a
 * crashed instance left count once a survivor has found them (see {@link OutboxRelay}).
 */
public class OutboxMetrics implements MeterBinder {

    private final Supplier<Collection<OutboxRelay>> relays;
    private final List<String> collections;
    private final Clock clock;

    /** The gauges of the given relays' collections. */
    public OutboxMetrics(List<OutboxRelay> relays, Clock clock) {
        this(() -> relays, relays.stream().flatMap(relay -> relay.collections().stream()).distinct().toList(), clock);
    }

    /**
     * The gauges of these collections, from the relays running in this JVM. Kept for the services that build it this
     * way; {@code mongo} and {@code maxAge} are no longer used (nothing is read from MongoDB).
     */
    public OutboxMetrics(MongoOperations mongo, List<String> collections, Clock clock, Duration maxAge) {
        this(OutboxRelay::running, collections, clock);
    }

    private OutboxMetrics(Supplier<Collection<OutboxRelay>> relays, List<String> collections, Clock clock) {
        this.relays = relays;
        this.collections = List.copyOf(collections);
        this.clock = clock;
    }

    /** What one collection's outbox holds: the number of events and when the oldest was written (null if none). */
    public record Backlog(long pending, Instant oldest, Instant readAt) {
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String collection : collections) {
            Gauge.builder("clinic.outbox.pending", this, metrics -> metrics.backlog(collection).pending())
                    .description("Events written to the outbox and not yet published to Kafka (this instance's relay)")
                    .tag("collection", collection)
                    .register(registry);
            Gauge.builder("clinic.outbox.oldest.age", this, metrics -> metrics.oldestAgeSeconds(collection))
                    .description("Age of the oldest event still waiting in this instance's relay (0 when none)")
                    .baseUnit("seconds")
                    .tag("collection", collection)
                    .register(registry);
        }
    }

    double oldestAgeSeconds(String collection) {
        Instant oldest = backlog(collection).oldest();
        return oldest == null ? 0 : Math.max(0, Duration.between(oldest, clock.instant()).toMillis() / 1000.0);
    }

    /** The collection's backlog summed over the relays that publish it. */
    public Backlog backlog(String collection) {
        long pending = 0;
        Instant oldest = null;
        for (OutboxRelay relay : relays.get()) {
            if (relay.collections().contains(collection)) {
                Backlog backlog = relay.backlog(collection);
                pending += backlog.pending();
                if (backlog.oldest() != null && (oldest == null || backlog.oldest().isBefore(oldest))) {
                    oldest = backlog.oldest();
                }
            }
        }
        return new Backlog(pending, oldest, clock.instant());
    }
}
