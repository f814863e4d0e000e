package com.clinicbackbone.booking.appointment;

import com.clinicbackbone.booking.appointment.PractitionerCalendar.Claim;
import com.clinicbackbone.booking.appointment.PractitionerCalendar.Conflict;
import com.clinicbackbone.booking.appointment.PractitionerCalendar.Snapshot;
import com.clinicbackbone.booking.appointment.PractitionerCalendar.Span;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Claims and releases the calendar time of appointments: their practitioner's and, under
 * {@link Appointment#resourceOwner}, that of the room/device they take. The calendars are read once for every
 * appointment and candidate room/device of a request, then claimed all at once. A change that stops half-way leaves
 * claims behind that the next conflicting claim recognises as stale (their appointment is stored at their revision
 * or later and no longer holds that time) and releases.
 */
final class CalendarClaims {

    /** Rounds of clearing stale claims or racing for a room/device before a request gives up. */
    private static final int ATTEMPTS = 10;

    private final PractitionerCalendar calendar;
    private final Appointments appointments;

    CalendarClaims(PractitionerCalendar calendar, Appointments appointments) {
        this.calendar = calendar;
        this.appointments = appointments;
    }

    /** An appointment to hold time for, and the rooms/devices it may take in order of choice (none if it needs none). */
    record Wanted(Appointment appointment, List<String> resourceCandidates) {
    }

    /**
     * Claims the practitioner's time of every appointment and that of the first free room/device of its candidates
     * (which the appointment then uses); all or none.
     *
     * @return the claims made (to give back exactly these should what follows fail)
     * @throws SessionNotBookableException naming the first appointment whose time cannot be held, with the reason
     */
    List<Claim> hold(List<Wanted> wanted) {
        List<Span> spans = new ArrayList<>();
        for (Wanted it : wanted) {
            Appointment appointment = it.appointment();
            spans.add(new Span(appointment.practitionerId(), appointment.calendarStart(), appointment.calendarEnd()));
            it.resourceCandidates().forEach(resource -> spans.add(new Span(Appointment.resourceOwner(resource),
                    appointment.calendarStart(), appointment.calendarEnd())));
        }
        Snapshot seen = calendar.read(spans);
        for (int attempt = 1; ; attempt++) {
            Choice choice = choose(wanted, seen);
            if (choice.blocked() >= 0) { // taken in what was read: by a stale claim, or for good
                Appointment appointment = wanted.get(choice.blocked()).appointment();
                if (choice.holders().stream().noneMatch(this::clearIfStale)) {
                    throw new SessionNotBookableException(choice.blocked(), choice.resources() == null
                            ? taken(appointment, appointment.practitionerId()) : noFreeResource(appointment));
                }
            } else {
                Optional<Conflict> conflict = calendar.claim(seen, choice.claims());
                if (conflict.isEmpty()) {
                    wanted.forEach(it -> Optional.ofNullable(choice.resources().get(it.appointment().id()))
                            .ifPresent(it.appointment()::useResource));
                    return choice.claims();
                }
                Claim failed = conflict.get().wanted();
                int i = indexOf(wanted, failed.appointmentId());
                Appointment appointment = wanted.get(i).appointment();
                if (!clearIfStale(conflict.get().holder()) && failed.owner().equals(appointment.practitionerId())) {
                    throw new SessionNotBookableException(i, taken(appointment, failed.owner()));
                } // else stale, or raced for the room/device: another may be free
            }
            if (attempt == ATTEMPTS) {
                throw new SessionNotBookableException(0, taken(wanted.get(0).appointment(),
                        wanted.get(0).appointment().practitionerId()));
            }
            seen = calendar.read(spans);
        }
    }

    /**
     * What to claim as the calendars were read: each appointment's practitioner time and its first free room/device.
     * Or, when something is taken, the first appointment that cannot be held ({@code blocked}, else -1) with the
     * claims in its way (its practitioner's; or one per candidate room/device, then {@code resources} is not null).
     */
    private record Choice(List<Claim> claims, Map<String, String> resources, int blocked, List<Claim> holders) {
    }

    private static Choice choose(List<Wanted> wanted, Snapshot seen) {
        List<Claim> claims = new ArrayList<>();
        Map<String, String> resources = new HashMap<>();
        for (int i = 0; i < wanted.size(); i++) {
            Appointment appointment = wanted.get(i).appointment();
            Claim practitioner = claimOf(appointment, appointment.practitionerId());
            Optional<Claim> holder = blocker(seen, practitioner);
            if (holder.isPresent()) {
                return new Choice(claims, null, i, List.of(holder.get()));
            }
            claims.add(practitioner);
            List<String> candidates = wanted.get(i).resourceCandidates();
            if (candidates.isEmpty()) {
                continue;
            }
            List<Claim> holders = new ArrayList<>();
            for (String resource : candidates) {
                Claim claim = claimOf(appointment, Appointment.resourceOwner(resource));
                Optional<Claim> taken = blocker(seen, claim);
                if (taken.isEmpty()) {
                    claims.add(claim);
                    resources.put(appointment.id(), resource);
                    break;
                }
                holders.add(taken.get());
            }
            if (!resources.containsKey(appointment.id())) {
                return new Choice(claims, resources, i, holders);
            }
        }
        return new Choice(claims, resources, -1, List.of());
    }

    /**
     * Moves the claims of an appointment already set to its new time (at its next revision), which held
     * [{@code fromStart}, {@code fromEnd}) with the room/device {@code oldResource}: claims the new time (its room or
     * device if free then, otherwise the first free other candidate), runs {@code store}, then releases the old time.
     * A conflict gives back what this call claimed; so does a store known not to have happened (a lost
     * compare-and-set, or the appointment read back below its new revision). Any other failure may have stored it
     * (the write applied, its acknowledgement lost): the new claims stay then, as they do when the read back fails
     * too (a claim left without its appointment is cleared once the appointment is stored at its revision or later,
     * see {@link #clearIfStale}).
     */
    void move(Appointment appointment, Instant fromStart, Instant fromEnd, String oldResource,
              List<String> resourceCandidates, Runnable store) {
        List<Claim> claimed;
        try {
            claimed = hold(List.of(new Wanted(appointment, resourceCandidates)));
        } catch (SessionNotBookableException e) {
            throw e.reason();
        }
        try {
            store.run();
        } catch (AppointmentStateException e) { // a lost compare-and-set: not stored
            claimed.forEach(calendar::release);
            throw e;
        } catch (RuntimeException e) {
            if (notStoredAt(appointment.id(), appointment.revision())) {
                claimed.forEach(calendar::release);
            }
            throw e;
        }
        List<String> owners = new ArrayList<>(List.of(appointment.practitionerId()));
        if (oldResource != null) {
            owners.add(Appointment.resourceOwner(oldResource));
        }
        calendar.release(owners, fromStart, fromEnd, appointment.id(), appointment.revision() - 1);
    }

    /**
     * Whether the appointment is, as read now, known not to be stored at the revision (absent, or at an older one);
     * false when it is stored at it or later, or when the read fails (in doubt).
     */
    boolean notStoredAt(String appointmentId, long revision) {
        try {
            return appointments.find(appointmentId).map(it -> it.revision() < revision).orElse(true);
        } catch (RuntimeException unknown) {
            return false;
        }
    }

    /** Gives back the time the appointment holds at its revision (practitioner and room/device). */
    void releaseAll(Appointment appointment) {
        calendar.release(appointment.calendarOwners(), appointment.calendarStart(), appointment.calendarEnd(),
                appointment.id(), appointment.revision());
    }

    /** Gives back the time held under the id at revision 0 (see {@link AppointmentService#hold}). */
    void releaseHold(Collection<String> owners, Instant from, Instant to, String id) {
        calendar.release(owners, from, to, id, 0);
    }

    /**
     * Releases every claim that a booking attempt which never stored its appointment may have made on these owners'
     * calendars over [from, to).
     */
    void releaseAttempt(String appointmentId, Collection<String> owners, Instant from, Instant to) {
        calendar.release(owners, from, to, appointmentId, Long.MAX_VALUE);
    }

    private static Claim claimOf(Appointment appointment, String owner) {
        return new Claim(owner, appointment.calendarStart(), appointment.calendarEnd(), appointment.id(),
                appointment.revision());
    }

    private static Optional<Claim> blocker(Snapshot seen, Claim wanted) {
        return seen.claims(wanted.owner(), wanted.start(), wanted.end()).stream().filter(it -> it.blocks(wanted))
                .findFirst();
    }

    private static int indexOf(List<Wanted> wanted, String appointmentId) {
        for (int i = 0; i < wanted.size(); i++) {
            if (wanted.get(i).appointment().id().equals(appointmentId)) {
                return i;
            }
        }
        throw new IllegalStateException("conflict for an appointment not asked for: " + appointmentId);
    }

    private static SlotUnavailableException taken(Appointment appointment, String owner) {
        return new SlotUnavailableException((owner.equals(appointment.practitionerId())
                ? "Practitioner " + owner : owner) + " already has an appointment overlapping "
                + appointment.start() + " - " + appointment.end()
                + (appointment.bufferBeforeMinutes() + appointment.bufferAfterMinutes() > 0
                ? " (with its buffers)" : ""));
    }

    private static BookingRuleException noFreeResource(Appointment appointment) {
        return new BookingRuleException(BookingRule.NO_FREE_RESOURCE, "start", "No room or device needed for "
                + appointment.serviceId() + " is free at " + appointment.clinicId() + " over " + appointment.start()
                + " - " + appointment.end());
    }

    /**
     * Releases a claim its appointment no longer needs: the appointment is stored at the claim's revision or later
     * and gave its time back (cancelled, no-show) or holds other time now (moved). A claim whose appointment is not
     * stored (a booking in flight) or is stored at an older revision (a reschedule in flight) is left alone.
     */
    private boolean clearIfStale(Claim claim) {
        Optional<Appointment> holder = appointments.find(claim.appointmentId());
        if (holder.isEmpty() || holder.get().revision() < claim.revision()) {
            return false;
        }
        Appointment stored = holder.get();
        if (!stored.status().holdsTime()) {
            releaseAll(stored);
            calendar.release(claim);
            return true;
        }
        if (!stored.calendarOwners().contains(claim.owner()) || !stored.calendarStart().equals(claim.start())
                || !stored.calendarEnd().equals(claim.end())) {
            calendar.release(claim);
            return true;
        }
        return false;
    }
}
