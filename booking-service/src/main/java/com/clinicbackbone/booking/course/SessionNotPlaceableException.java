package com.clinicbackbone.booking.course;

import java.time.Instant;
import java.util.List;

/**
 * A session of a course cannot be placed or booked, so nothing of the course was stored. Names the session (from 1),
 * why, the clinic-local dates its gap to the sessions before it allows, and up to five free starts in that window,
 * nearest to the ideal time first. A conflict (no free preferred start, the time taken) is answered 409; a rule
 * violation (a gap the course forbids, a start the booking rules refuse) 422.
 */
public class SessionNotPlaceableException extends RuntimeException {

    public enum Reason {
        /** No preferred start is free in the session's window. */
        NO_FREE_START,
        /** The start is taken (or its appointment cannot take it). */
        TAKEN,
        /** The start breaks the course's gap to the session before it. */
        GAP,
        /** A booking rule refuses the start. */
        NOT_BOOKABLE
    }

    private final int session;
    private final Reason reason;
    private final DateWindow window;
    private final List<Instant> alternatives;

    public SessionNotPlaceableException(int session, Reason reason, String message, DateWindow window,
                                        List<Instant> alternatives) {
        super(message);
        this.session = session;
        this.reason = reason;
        this.window = window;
        this.alternatives = List.copyOf(alternatives);
    }

    public int session() {
        return session;
    }

    public Reason reason() {
        return reason;
    }

    public boolean isConflict() {
        return reason == Reason.NO_FREE_START || reason == Reason.TAKEN;
    }

    public DateWindow window() {
        return window;
    }

    public List<Instant> alternatives() {
        return alternatives;
    }
}
