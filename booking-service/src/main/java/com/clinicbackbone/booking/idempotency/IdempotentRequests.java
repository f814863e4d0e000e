package com.clinicbackbone.booking.idempotency;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a creating request once per caller and {@code Idempotency-Key}, and answers its retries with the remembered
 * answer (same status, same body).
 * <ol>
 *   <li>The key is recorded first: one atomic single-document insert under the (subject, key) pair as its id, carrying
 *       the request's fingerprint, the id the resource will get, an attempt token and a lease. Of two concurrent
 *       requests with the same key exactly one inserts; the other finds the record.</li>
 *   <li>The holder runs the request under that id and stores the answer in the record.</li>
 *   <li>A retry finds the record: a different fingerprint is refused (422); a finished record is replayed; an
 *       unfinished one whose lease still runs answers 409 (in progress).</li>
 * </ol>
 * Failure: a request that fails (4xx or otherwise) removes its record, so nothing is remembered and the key may be
 * used again. A crash between the key insert and the answer leaves an unfinished record; once its lease has run out
 * a retry takes it over (compare-and-set on the token) and first asks the {@link Recovery} whether the crashed
 * attempt got as far as creating the resource under the pre-chosen id: if so, that is the answer (created once).
 * If not, the recovery has fenced that id (the attempt may only be stalled, and can no longer create the resource
 * under it), and the request runs again under a fresh id, recorded in the record (a second compare-and-set) before
 * it runs.
 * Records expire after {@link #RETENTION} (the retention job removes them; a record past it that was not removed
 * yet is treated as absent).
 */
public class IdempotentRequests {

    /** How long a key is remembered. */
    public static final Duration RETENTION = Duration.ofHours(24);
    public static final int MAX_KEY_LENGTH = 255;

    private static final Logger log = LoggerFactory.getLogger(IdempotentRequests.class);

    private final IdempotencyKeys keys;
    private final Clock clock;
    private final Duration lease;

    public IdempotentRequests(IdempotencyKeys keys, Clock clock, Duration lease) {
        this.keys = keys;
        this.clock = clock;
        this.lease = lease;
    }

    /** Creates the resource under the given id and returns the answer to remember. */
    @FunctionalInterface
    public interface Action {
        StoredResponse run(String resourceId);
    }

    /**
     * The answer for a resource an earlier, interrupted attempt created under the id; empty if it did not, and then
     * the id is fenced: that attempt, should it still be running, can no longer create the resource under it.
     */
    @FunctionalInterface
    public interface Recovery {
        Optional<StoredResponse> resume(String resourceId);
    }

    /** The answer, and whether it is a replay of an earlier attempt's. */
    public record Outcome(StoredResponse response, boolean replayed) {
    }

    public Outcome execute(String subject, String key, String fingerprint, Action action, Recovery recovery) {
        requireValid(key);
        Instant now = clock.instant();
        IdempotencyRecord mine = new IdempotencyRecord(subject, key, fingerprint, UUID.randomUUID().toString(),
                UUID.randomUUID().toString(), now, now.plus(lease), null);
        Optional<IdempotencyRecord> existing = keys.insertIfAbsent(mine);
        if (existing.isPresent() && !now.isBefore(existing.get().createdAt().plus(RETENTION))) {
            keys.remove(subject, key, existing.get().token()); // expired; not removed yet
            existing = keys.insertIfAbsent(mine);
        }
        if (existing.isEmpty()) {
            return new Outcome(run(mine, action), false);
        }

        IdempotencyRecord found = existing.get();
        if (!found.fingerprint().equals(fingerprint)) {
            throw new IdempotencyKeyReusedException();
        }
        if (found.isFinished()) {
            return new Outcome(found.response(), true);
        }
        if (now.isBefore(found.leaseUntil())) {
            throw new RequestInProgressException(Duration.between(now, found.leaseUntil()));
        }
        String token = UUID.randomUUID().toString();
        if (!keys.takeOver(subject, key, found.token(), token, found.resourceId(), now.plus(lease))) {
            throw new RequestInProgressException(lease);
        }
        IdempotencyRecord resumed = new IdempotencyRecord(subject, key, fingerprint, found.resourceId(), token,
                found.createdAt(), now.plus(lease), null);
        Optional<StoredResponse> recovered = recovery.resume(found.resourceId());
        if (recovered.isPresent()) {
            remember(resumed, recovered.get());
            return new Outcome(recovered.get(), true);
        }
        // the old id is fenced: run under a fresh one, recorded first (should this attempt crash in turn, the next
        // retry finds and fences that one)
        String again = UUID.randomUUID().toString();
        String fresh = UUID.randomUUID().toString();
        if (!keys.takeOver(subject, key, token, again, fresh, now.plus(lease))) {
            throw new RequestInProgressException(lease);
        }
        return new Outcome(run(new IdempotencyRecord(subject, key, fingerprint, fresh, again, found.createdAt(),
                now.plus(lease), null), action), false);
    }

    private StoredResponse run(IdempotencyRecord record, Action action) {
        StoredResponse response;
        try {
            response = action.run(record.resourceId());
        } catch (RuntimeException failed) {
            try {
                keys.remove(record.subject(), record.key(), record.token());
            } catch (RuntimeException unreachable) {
                log.warn("Could not remove the idempotency record of a failed request; it frees itself when its"
                        + " lease runs out", unreachable);
            }
            throw failed;
        }
        remember(record, response);
        return response;
    }

    /** The request is done whatever happens here: a record left unfinished is recovered by a retry. */
    private void remember(IdempotencyRecord record, StoredResponse response) {
        try {
            keys.complete(record.subject(), record.key(), record.token(), response);
        } catch (RuntimeException unreachable) {
            log.warn("Could not remember the answer for an idempotency key; a retry will recover it", unreachable);
        }
    }

    private static void requireValid(String key) {
        if (key.isBlank()) {
            throw new InvalidIdempotencyKeyException("must not be blank");
        }
        if (key.length() > MAX_KEY_LENGTH) {
            throw new InvalidIdempotencyKeyException("must be at most " + MAX_KEY_LENGTH + " characters");
        }
    }
}
