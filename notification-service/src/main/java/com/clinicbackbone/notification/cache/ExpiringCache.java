package com.clinicbackbone.notification.cache;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Reference data kept per instance for at most {@code bound}: a value read is reused until it is older than that,
 * then read again; a value this instance writes replaces the kept one at once (so the writing instance sees its
 * change immediately, other instances within {@code bound}). A zero bound keeps nothing.
 */
public final class ExpiringCache<K, V> {

    private record Kept<V>(V value, long readAtNanos) {
    }

    private final long boundNanos;
    private final LongSupplier nanoTime;
    private final Map<K, Kept<V>> kept = new ConcurrentHashMap<>();

    public ExpiringCache(Duration bound) {
        this(bound, System::nanoTime);
    }

    ExpiringCache(Duration bound, LongSupplier nanoTime) {
        this.boundNanos = bound.toNanos();
        this.nanoTime = nanoTime;
    }

    /** The kept value, or the loaded one (kept from now on) when there is none or it is older than the bound. */
    public V get(K key, Function<K, V> load) {
        if (boundNanos <= 0) {
            return load.apply(key);
        }
        long now = nanoTime.getAsLong();
        Kept<V> value = kept.get(key);
        if (value == null || now - value.readAtNanos() >= boundNanos) {
            value = new Kept<>(load.apply(key), now);
            kept.put(key, value);
        }
        return value.value();
    }

    /** What this instance just wrote: kept from now on. */
    public void put(K key, V value) {
        if (boundNanos > 0) {
            kept.put(key, new Kept<>(value, nanoTime.getAsLong()));
        }
    }
}
