package com.clinicbackbone.booking.waitlist;

/**
 * The entry cannot make that change in its state (answered 409), or it changed since it was read (the store's
 * compare-and-set lost: read it again and decide again).
 */
public class WaitlistStateException extends RuntimeException {

    public WaitlistStateException(String message) {
        super(message);
    }
}
