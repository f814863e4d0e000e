package com.clinicbackbone.booking.idempotency;

import java.time.Instant;

/**
 * One idempotency key of one caller.
 *
 * @param fingerprint hash of the request it was first used with
 * @param resourceId  the id the request creates its resource under, chosen before it runs (stable across retries)
 * @param token       the attempt that holds the record; only that attempt completes or removes it
 * @param leaseUntil  while unfinished, until when the attempt is presumed alive
 * @param response    the remembered answer; null while the request runs
 */
public record IdempotencyRecord(String subject, String key, String fingerprint, String resourceId, String token,
                                Instant createdAt, Instant leaseUntil, StoredResponse response) {

    public boolean isFinished() {
        return response != null;
    }
}
