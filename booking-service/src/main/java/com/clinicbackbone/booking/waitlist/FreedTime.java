package com.clinicbackbone.booking.waitlist;

import java.time.Instant;

/**
 * Time of a practitioner that became free at a clinic: a visit's time (a cancellation, a no-show, a move away), offered
 * a start at a time from its start; or, with {@code span}, bookable time the schedule added (a closure or leave
 * removed, extra hours), offered at the free starts inside it.
 *
 * @param freedAt when it became free (the fill time is measured from it)
 */
public record FreedTime(String clinicId, String practitionerId, Instant start, Instant end, Instant freedAt,
                        boolean span) {

    /** A visit's time. */
    public FreedTime(String clinicId, String practitionerId, Instant start, Instant end, Instant freedAt) {
        this(clinicId, practitionerId, start, end, freedAt, false);
    }
}
