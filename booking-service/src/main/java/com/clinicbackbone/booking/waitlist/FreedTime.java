package com.clinicbackbone.booking.waitlist;

import java.time.Instant;

/**
 * Time of a practitioner that became free at a clinic (a cancellation, a no-show, a move away): offered to the
 * waitlist, a start at a time.
 *
 * @param freedAt when it became free (the fill time is measured from it)
 */
public record FreedTime(String clinicId, String practitionerId, Instant start, Instant end, Instant freedAt) {
}
