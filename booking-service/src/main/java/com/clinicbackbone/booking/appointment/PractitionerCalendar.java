package com.clinicbackbone.booking.appointment;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The calendars of practitioners and rooms/devices (their owner key is {@link Appointment#resourceOwner}): the time
 * each appointment holds on them, as intervals [start, end) that include its buffers. The store guarantees that no
 * two appointments hold overlapping time of one owner, across clinics and booking-service instances. Each claim
 * records the appointment revision it was made for (1 for a booking, the next revision for a reschedule), so that a
 * claim left behind by a change that stopped half-way can be told from one of a change still in flight.
 */
public interface PractitionerCalendar {

    /** Time [start, end) of an owner's calendar held by an appointment, claimed for that appointment's revision. */
    record Claim(String owner, Instant start, Instant end, String appointmentId, long revision) {

        public boolean overlaps(Instant from, Instant to) {
            return start.isBefore(to) && from.isBefore(end);
        }

        /**
         * Whether this claim keeps {@code wanted} from being claimed: they overlap, unless this one is the same
         * appointment's at an older revision (its time before the reschedule that wants the new time).
         */
        public boolean blocks(Claim wanted) {
            return overlaps(wanted.start(), wanted.end()) && !(appointmentId.equals(wanted.appointmentId())
                    && revision < wanted.revision());
        }
    }

    /** Some time of one owner's calendar. */
    record Span(String owner, Instant start, Instant end) {
    }

    /** A claim that could not be made, and the claim of another appointment in its way. */
    record Conflict(Claim wanted, Claim holder) {
    }

    /**
     * What the calendars held over some spans when they were read; claims made through it keep it up to date (the
     * store also keeps in it what it needs to change those calendars by compare-and-set).
     */
    interface Snapshot {

        /** The claims on the owner's calendar overlapping [from, to), which must lie inside a span that was read. */
        List<Claim> claims(String owner, Instant from, Instant to);
    }

    /** Reads the calendars over the spans (in one round trip). */
    Snapshot read(Collection<Span> spans);

    /**
     * Claims every wanted time, all or nothing, checked against what the calendars hold then (which {@code seen}
     * tells as far as it is still current; the store notices when it is not). The spans of the wanted claims must
     * have been read into {@code seen}.
     *
     * @return empty when every claim is now held; otherwise the first conflict found (nothing this call claimed
     *         stays claimed then)
     */
    Optional<Conflict> claim(Snapshot seen, List<Claim> wanted);

    /**
     * Releases the appointment's claims made for up to {@code upToRevision} from the owners' calendars over
     * [from, to); pass the whole span the claims were made over (a claim crossing the store's midnight is kept on
     * both days).
     */
    void release(Collection<String> owners, Instant from, Instant to, String appointmentId, long upToRevision);

    /** Releases exactly this claim, if it is still there. */
    void release(Claim claim);

    /**
     * Removes up to {@code limit} of the calendars' days that ended before the instant, with their claims (retention:
     * the appointments stay); returns how many.
     */
    int removeDaysBefore(Instant instant, int limit);
}
