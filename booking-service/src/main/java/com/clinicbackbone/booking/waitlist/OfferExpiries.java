package com.clinicbackbone.booking.waitlist;

import java.time.Instant;
import java.util.List;

/**
 * When each offer's hold ends, filed by key so that any instance finds it (port): the instance that made an offer
 * may be gone when it expires. Filed before the time is held, removed once handled; {@link #due} reads only by key
 * (the minutes from a shared cursor to now), never by searching.
 */
public interface OfferExpiries {

    /** An offer of an entry (with its hold) due to be looked at from {@code at} on. */
    record Due(String entryId, Offer offer, Instant at) {
    }

    void file(Due due);

    /** What is due at or before {@code now} and not yet {@link #done}, earliest first (a bounded read). */
    List<Due> due(Instant now);

    /** Handled: it is not returned again. */
    void done(Due due);
}
