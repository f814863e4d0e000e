package com.clinicbackbone.booking.idempotency;

import java.time.Duration;

/** A request with the same key is still being processed (answered 409 with {@code Retry-After}). */
public class RequestInProgressException extends RuntimeException {

    private final Duration retryAfter;

    public RequestInProgressException(Duration retryAfter) {
        super("A request with this Idempotency-Key is still being processed; retry after it has finished");
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
