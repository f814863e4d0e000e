package com.clinicbackbone.booking.waitlist;

/** A waitlist request with a bad field (answered 400 naming it). */
public class InvalidWaitlistEntryException extends RuntimeException {

    private final String field;

    public InvalidWaitlistEntryException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
