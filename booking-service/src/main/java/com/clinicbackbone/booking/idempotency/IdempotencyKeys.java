package com.clinicbackbone.booking.idempotency;

import java.time.Instant;
import java.util.Optional;

/**
 * The store of idempotency keys: one record per caller subject and key, stored under that pair as its id, so every
 * operation is a key lookup.
 */
public interface IdempotencyKeys {

    /**
     * Inserts the record in one atomic single-document write; if the subject already has a record for the key,
     * inserts nothing and returns that one.
     */
    Optional<IdempotencyRecord> insertIfAbsent(IdempotencyRecord record);

    /**
     * Hands an unfinished record still held by {@code expiredToken} to a new attempt, which will create the resource
     * under {@code resourceId}; false if it is not held so.
     */
    boolean takeOver(String subject, String key, String expiredToken, String newToken, String resourceId,
                     Instant leaseUntil);

    /** Remembers the answer, if the attempt still holds the record. */
    void complete(String subject, String key, String token, StoredResponse response);

    /** Removes the record, if it is still the one held by {@code token}. */
    void remove(String subject, String key, String token);

    /** Removes up to {@code limit} records created before the instant (retention); returns how many. */
    int removeCreatedBefore(Instant instant, int limit);
}
