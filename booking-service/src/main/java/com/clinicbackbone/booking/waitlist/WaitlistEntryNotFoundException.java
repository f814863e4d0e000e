package com.clinicbackbone.booking.waitlist;

/** No such waitlist entry, or not one the caller may see (answered 404). */
public class WaitlistEntryNotFoundException extends RuntimeException {

    public WaitlistEntryNotFoundException(String id) {
        super("No waitlist entry " + id);
    }
}
