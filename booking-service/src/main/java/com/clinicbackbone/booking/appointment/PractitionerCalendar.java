package com.clinicbackbone.booking.appointment;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Claims on a practitioner's calendar buckets; the store guarantees one holder per bucket. Each claim records the
 * appointment revision it was made for (1 for a booking, the next revision for a reschedule), so that a claim left
 * behind by a change that stopped half-way can be told from one of a change still in flight.
 */
public interface PractitionerCalendar {

    /** One bucket held by an appointment, claimed for that appointment's {@code revision}. */
    record Claim(String practitionerId, Instant bucket, String appointmentId, long revision) {
    }

    /**
     * Claims every bucket for the appointment (at the revision the change will give it), all or nothing.
     *
     * @return empty when all buckets are now claimed; otherwise the conflicting claim (nothing stays claimed for this
     *         call then). A conflicting claim that vanished meanwhile is reported with an empty appointment id.
     */
    Optional<Claim> claim(String practitionerId, List<Instant> buckets, String appointmentId, long revision);

    /** Releases those of the buckets that the appointment holds under claims made for up to {@code upToRevision}. */
    void release(String practitionerId, List<Instant> buckets, String appointmentId, long upToRevision);

    /** Releases exactly this claim, if it is still there (same holder, same revision). */
    void release(Claim claim);

    /** Releases every claim of the appointment (of a booking attempt that never stored its appointment). */
    void releaseAll(String appointmentId);

    /** The buckets in [from, to) that the practitioner has claimed (by whatever appointment), ascending. */
    List<Instant> claimedBuckets(String practitionerId, Instant from, Instant to);
}
