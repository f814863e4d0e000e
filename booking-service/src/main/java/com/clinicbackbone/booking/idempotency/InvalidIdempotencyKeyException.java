package com.clinicbackbone.booking.idempotency;

/** The {@code Idempotency-Key} header is blank or too long (answered 400, naming the header). */
public class InvalidIdempotencyKeyException extends RuntimeException {

    public InvalidIdempotencyKeyException(String message) {
        super(message);
    }
}
