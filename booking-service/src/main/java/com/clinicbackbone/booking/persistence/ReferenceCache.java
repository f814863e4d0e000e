package com.clinicbackbone.booking.persistence;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Update;

/**
 * A snapshot of reference data (small collections read on every booking) held in memory by one instance, so that
 * warm reads make no MongoDB round trip.
 * <p>
 * Every change is announced by incrementing a version number in {@code reference_versions} ({@code _id} = the
 * cache's name) after it is stored and before it is acknowledged ({@link #changed()}). Each instance reads that
 * one document by {@code _id} every {@code refresh-interval} and reloads the whole snapshot only when the number
 * moved (plus once every {@code full-reload-interval}, which picks up a change whose writer died before announcing
 * it). A read uses the snapshot only if a version check that started at most {@code max-staleness} ago confirmed
 * it, else it checks (and reloads) first, itself: so a read never misses a change acknowledged more than
 * {@code max-staleness} before it, even when the background check is late or failing. The writing instance
 * reloads before it answers, so it sees its own change at once.
 *
 * @param <S> the immutable snapshot
 */
public final class ReferenceCache<S> {

    static final String VERSIONS = "reference_versions";
    private static final Logger log = LoggerFactory.getLogger(ReferenceCache.class);

    /**
     * @param refreshInterval     how often the background check reads the version number (one key lookup)
     * @param maxStaleness        a read never uses a snapshot whose last confirmation started longer ago than this
     * @param fullReloadInterval  the snapshot is reloaded at least this often even when the number did not move
     */
    public record Settings(Duration refreshInterval, Duration maxStaleness, Duration fullReloadInterval) {

        public static final Settings DEFAULT = new Settings(Duration.ofSeconds(1), Duration.ofSeconds(3),
                Duration.ofMinutes(1));

        public Settings {
            if (refreshInterval.isNegative() || refreshInterval.isZero()) {
                throw new IllegalArgumentException("booking.reference-cache.refresh-interval must be positive");
            }
            if (maxStaleness.compareTo(refreshInterval) <= 0) {
                throw new IllegalArgumentException(
                        "booking.reference-cache.max-staleness must be longer than the refresh interval");
            }
            if (fullReloadInterval.compareTo(refreshInterval) < 0) {
                throw new IllegalArgumentException(
                        "booking.reference-cache.full-reload-interval must not be shorter than the refresh interval");
            }
        }
    }

    /** What was loaded, under which version, when it was loaded and when a check last confirmed it (nano times). */
    private record State<S>(S value, long version, long loadedAt, long confirmedAt) {
    }

    private final String name;
    private final MongoOperations mongo;
    private final Supplier<S> loader;
    private final Settings settings;
    private final LongSupplier nanoTime;
    private volatile State<S> state;
    private ScheduledExecutorService refresher;
    private boolean failing;

    public ReferenceCache(String name, MongoOperations mongo, Supplier<S> loader, Settings settings) {
        this(name, mongo, loader, settings, System::nanoTime);
    }

    ReferenceCache(String name, MongoOperations mongo, Supplier<S> loader, Settings settings, LongSupplier nanoTime) {
        this.name = name;
        this.mongo = mongo;
        this.loader = loader;
        this.settings = settings;
        this.nanoTime = nanoTime;
    }

    /** The snapshot; from memory unless it was not confirmed within {@code max-staleness} (then checked first). */
    public S current() {
        State<S> seen = state;
        if (seen != null && nanoTime.getAsLong() - seen.confirmedAt() <= settings.maxStaleness().toNanos()) {
            return seen.value();
        }
        return checkIfStale();
    }

    /**
     * Called by the writer after it stored a change: drops this instance's snapshot, announces the change to the
     * other instances and reloads, so that the caller's next read sees it.
     */
    public void changed() {
        state = null;
        mongo.upsert(query(where("_id").is(name)), new Update().inc("version", 1L), VERSIONS);
        check();
    }

    /** Reads the version number and reloads when it moved or the snapshot is older than the full-reload interval. */
    public synchronized S check() {
        long started = nanoTime.getAsLong();
        long stored = storedVersion();
        State<S> loaded = state;
        if (loaded == null || loaded.version() != stored
                || started - loaded.loadedAt() >= settings.fullReloadInterval().toNanos()) {
            loaded = new State<>(loader.get(), stored, started, started);
        } else {
            loaded = new State<>(loaded.value(), stored, loaded.loadedAt(), started);
        }
        state = loaded;
        return loaded.value();
    }

    private synchronized S checkIfStale() {
        State<S> seen = state;
        if (seen != null && nanoTime.getAsLong() - seen.confirmedAt() <= settings.maxStaleness().toNanos()) {
            return seen.value();
        }
        return check();
    }

    private long storedVersion() {
        Document stored = mongo.findById(name, Document.class, VERSIONS);
        return stored == null ? 0 : stored.get("version", Number.class).longValue();
    }

    /** Starts checking in the background every {@code refresh-interval}, on a daemon thread of its own. */
    public synchronized void start() {
        if (refresher != null) {
            return;
        }
        refresher = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "reference-cache-" + name);
            thread.setDaemon(true);
            return thread;
        });
        long interval = settings.refreshInterval().toNanos();
        refresher.scheduleWithFixedDelay(this::checkInBackground, interval, interval, TimeUnit.NANOSECONDS);
    }

    public void stop() {
        ScheduledExecutorService running;
        synchronized (this) {
            running = refresher;
            refresher = null;
        }
        if (running != null) {
            running.shutdownNow();
        }
    }

    public synchronized boolean isRunning() {
        return refresher != null;
    }

    private void checkInBackground() {
        try {
            check();
            if (failing) {
                log.info("Reference data {}: checking again", name);
                failing = false;
            }
        } catch (RuntimeException e) {
            if (!failing) {
                log.warn("Reference data {}: could not check for changes (reads check again themselves once the"
                        + " snapshot is {} old): {}", name, settings.maxStaleness(), e.toString());
                failing = true;
            }
        }
    }
}
