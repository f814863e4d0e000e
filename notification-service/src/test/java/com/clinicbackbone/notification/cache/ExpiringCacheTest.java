package com.clinicbackbone.notification.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ExpiringCacheTest {

    final AtomicLong nanos = new AtomicLong();
    final AtomicInteger reads = new AtomicInteger();
    /** What the store holds (another instance may change it). */
    String stored = "v1";

    String load(String key) {
        reads.incrementAndGet();
        return stored;
    }

    @Test
    void aValueIsReadOnceAndReusedUntilItIsOlderThanTheBound() {
        ExpiringCache<String, String> cache = new ExpiringCache<>(Duration.ofSeconds(5), nanos::get);

        assertThat(cache.get("clinic", this::load)).isEqualTo("v1");
        stored = "v2"; // changed by another instance
        nanos.addAndGet(Duration.ofMillis(4999).toNanos());
        assertThat(cache.get("clinic", this::load)).as("within the bound").isEqualTo("v1");
        nanos.addAndGet(Duration.ofMillis(1).toNanos());
        assertThat(cache.get("clinic", this::load)).as("at the bound: read again").isEqualTo("v2");
        assertThat(reads).hasValue(2);
    }

    @Test
    void whatThisInstanceWritesItSeesAtOnce() {
        ExpiringCache<String, String> cache = new ExpiringCache<>(Duration.ofSeconds(5), nanos::get);
        cache.get("clinic", this::load);

        cache.put("clinic", "mine");

        assertThat(cache.get("clinic", this::load)).isEqualTo("mine");
        assertThat(reads).hasValue(1);
    }

    @Test
    void aZeroBoundKeepsNothing() {
        ExpiringCache<String, String> cache = new ExpiringCache<>(Duration.ZERO, nanos::get);

        cache.get("clinic", this::load);
        cache.put("clinic", "mine");
        stored = "v2";

        assertThat(cache.get("clinic", this::load)).isEqualTo("v2");
        assertThat(reads).hasValue(2);
    }
}
