package com.clinicbackbone.booking.course;

/**
 * A session's new start breaks the course's gap to a neighbouring active session (answered 422 naming the gap and
 * the clinic-local dates the session may move to; {@code allowed} is null when no date satisfies both neighbours).
 */
public class CourseGapException extends RuntimeException {

    private final int session;
    private final int neighbour;
    private final DateWindow allowed;

    public CourseGapException(int session, int neighbour, String message, DateWindow allowed) {
        super(message);
        this.session = session;
        this.neighbour = neighbour;
        this.allowed = allowed;
    }

    public int session() {
        return session;
    }

    /** The number of the neighbouring session whose gap breaks. */
    public int neighbour() {
        return neighbour;
    }

    public DateWindow allowed() {
        return allowed;
    }
}
