package com.clinicbackbone.booking.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.clinicbackbone.booking.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdempotentRequestsTest {

    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    static final Duration LEASE = Duration.ofSeconds(30);

    final MutableClock clock = new MutableClock(NOW);
    final InMemoryIdempotencyKeys keys = new InMemoryIdempotencyKeys();
    final IdempotentRequests requests = new IdempotentRequests(keys, clock, LEASE);
    /** The resource ids the action was run with, in order. */
    final List<String> runs = new ArrayList<>();

    final List<String> resumed = new ArrayList<>();

    IdempotentRequests.Outcome book(String subject, String key, String fingerprint) {
        return requests.execute(subject, key, fingerprint, this::create, id -> {
            resumed.add(id); // not created: fenced
            return Optional.empty();
        });
    }

    StoredResponse create(String resourceId) {
        runs.add(resourceId);
        return new StoredResponse(201, resourceId, "{\"id\":\"" + resourceId + "\",\"run\":" + runs.size() + "}");
    }

    @Test
    void runsOnceAndReplaysTheSameAnswer() {
        var first = book("ann", "key-1", "f1");
        clock.advance(Duration.ofMinutes(5));
        var retry = book("ann", "key-1", "f1");

        assertThat(runs).hasSize(1);
        assertThat(first.replayed()).isFalse();
        assertThat(retry.replayed()).isTrue();
        assertThat(retry.response()).isEqualTo(first.response());
    }

    @Test
    void refusesTheKeyWithADifferentRequest() {
        book("ann", "key-1", "f1");

        assertThatThrownBy(() -> book("ann", "key-1", "f2")).isInstanceOf(IdempotencyKeyReusedException.class);
        assertThat(runs).hasSize(1);
    }

    @Test
    void keysAreScopedToTheCaller() {
        var ann = book("ann", "key-1", "f1");
        var ben = book("ben", "key-1", "f1");

        assertThat(runs).hasSize(2);
        assertThat(ben.replayed()).isFalse();
        assertThat(ben.response().resourceId()).isNotEqualTo(ann.response().resourceId());
    }

    @Test
    void aFailedRequestIsNotRememberedSoItsRetryRunsAgain() {
        assertThatThrownBy(() -> requests.execute("ann", "key-1", "f1", id -> {
            throw new IllegalArgumentException("slot taken");
        }, id -> Optional.empty())).hasMessage("slot taken");

        var retry = book("ann", "key-1", "f1");

        assertThat(retry.replayed()).isFalse();
        assertThat(runs).hasSize(1);
    }

    @Test
    void aRetryWhileTheFirstAttemptRunsIsToldToWait() {
        keys.put(new IdempotencyRecord("ann", "key-1", "f1", "apt-1", "t1", NOW, NOW.plus(LEASE), null));
        clock.advance(Duration.ofSeconds(10));

        assertThatThrownBy(() -> book("ann", "key-1", "f1")).isInstanceOfSatisfying(
                RequestInProgressException.class,
                e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(20)));
        assertThat(runs).isEmpty();
    }

    @Test
    void afterACrashBeforeTheResourceWasCreatedTheRetryFencesItsIdAndCreatesItUnderAFreshOne() {
        keys.put(new IdempotencyRecord("ann", "key-1", "f1", "apt-1", "t1", NOW, NOW.plus(LEASE), null));
        clock.advance(LEASE);

        var retry = book("ann", "key-1", "f1");

        assertThat(resumed).containsExactly("apt-1");
        assertThat(runs).singleElement().isNotEqualTo("apt-1");
        assertThat(retry.response().resourceId()).isEqualTo(runs.get(0));
        assertThat(retry.replayed()).isFalse();
        assertThat(keys.find("ann", "key-1")).get().extracting(IdempotencyRecord::response)
                .isEqualTo(retry.response());
    }

    @Test
    void afterACrashOnceTheResourceWasCreatedTheRetryAnswersWithItAndCreatesNothing() {
        keys.put(new IdempotencyRecord("ann", "key-1", "f1", "apt-1", "t1", NOW, NOW.plus(LEASE), null));
        clock.advance(Duration.ofMinutes(1));
        StoredResponse stored = new StoredResponse(201, "apt-1", "{\"id\":\"apt-1\"}");

        var retry = requests.execute("ann", "key-1", "f1", this::create, id -> Optional.of(stored));

        assertThat(runs).isEmpty();
        assertThat(retry.response()).isEqualTo(stored);
        assertThat(book("ann", "key-1", "f1").response()).isEqualTo(stored);
    }

    @Test
    void aKeyIsForgottenAfter24Hours() {
        var first = book("ann", "key-1", "f1");
        clock.advance(Duration.ofHours(24));

        var later = book("ann", "key-1", "f2");

        assertThat(runs).hasSize(2);
        assertThat(later.replayed()).isFalse();
        assertThat(later.response().resourceId()).isNotEqualTo(first.response().resourceId());
    }

    @Test
    void answersEvenWhenTheAnswerCannotBeRemembered() {
        keys.failNextCompletion();

        var first = book("ann", "key-1", "f1");

        assertThat(first.response().status()).isEqualTo(201);
        assertThat(keys.find("ann", "key-1")).get().extracting(IdempotencyRecord::isFinished).isEqualTo(false);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 256})
    void rejectsABlankOrOverlongKey(int length) {
        String key = length == 0 ? "  " : "k".repeat(length);

        assertThatThrownBy(() -> book("ann", key, "f1")).isInstanceOf(InvalidIdempotencyKeyException.class);
        assertThat(runs).isEmpty();
    }
}
