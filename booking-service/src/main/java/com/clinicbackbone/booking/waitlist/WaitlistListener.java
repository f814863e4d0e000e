package com.clinicbackbone.booking.waitlist;

import java.time.Duration;

/** Told what becomes of offers (for metrics); the default does nothing. */
public interface WaitlistListener {

    WaitlistListener NONE = new WaitlistListener() {
    };

    default void offered(String clinicId) {
    }

    /** The offer was taken: booked {@code freedToFilled} after the time became free. */
    default void filled(String clinicId, Duration freedToFilled) {
    }

    /** The offer closed without a booking: declined, undeliverable, not bookable, expired or withdrawn. */
    default void closed(String clinicId, String outcome) {
    }
}
