package com.clinicbackbone.web.desk;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A course that could not be planned (409 or 422 from {@code POST /api/courses}): nothing was booked. Names the
 * session (from 1), why ({@code NO_FREE_START}, {@code TAKEN}, {@code GAP}, {@code NOT_BOOKABLE}), the dates its gap
 * allows and up to five free starts to offer instead.
 */
public class CourseRefusal extends RuntimeException {

    private final int session;
    private final String reason;
    private final LocalDate allowedFrom;
    private final LocalDate allowedTo;
    private final List<Instant> alternatives;

    public CourseRefusal(String detail, int session, String reason, LocalDate allowedFrom, LocalDate allowedTo,
                         List<Instant> alternatives) {
        super(detail);
        this.session = session;
        this.reason = reason;
        this.allowedFrom = allowedFrom;
        this.allowedTo = allowedTo;
        this.alternatives = List.copyOf(alternatives);
    }

    public int session() {
        return session;
    }

    public String reason() {
        return reason;
    }

    public LocalDate allowedFrom() {
        return allowedFrom;
    }

    public LocalDate allowedTo() {
        return allowedTo;
    }

    public List<Instant> alternatives() {
        return alternatives;
    }
}
