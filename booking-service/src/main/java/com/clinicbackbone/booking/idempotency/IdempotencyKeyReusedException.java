package com.clinicbackbone.booking.idempotency;

/** The caller used the key before for a different request (answered 422). */
public class IdempotencyKeyReusedException extends RuntimeException {

    public IdempotencyKeyReusedException() {
        super("was already used for a different request; use a new key for a new request");
    }
}
