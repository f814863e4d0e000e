package com.clinicbackbone.booking.appointment;

import com.clinicbackbone.booking.appointment.PractitionerCalendar.Claim;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Claims and releases the calendar buckets of an appointment: its practitioner's and, under
 * {@link Appointment#resourceOwner}, those of the room/device it takes. A change that stops half-way leaves claims
 * behind that the next conflicting claim recognises as stale (their appointment is stored at their revision or later
 * and no longer covers them) and releases.
 */
final class CalendarClaims {

    private final PractitionerCalendar calendar;
    private final Appointments appointments;

    CalendarClaims(PractitionerCalendar calendar, Appointments appointments) {
        this.calendar = calendar;
        this.appointments = appointments;
    }

    /**
     * Claims the practitioner's buckets, then those of the first free room/device of the candidates (none when the
     * service needs none), which the appointment then uses; all or none.
     */
    void hold(Appointment appointment, List<String> resourceCandidates) {
        List<Instant> buckets = appointment.calendarBuckets();
        claimCalendar(appointment, appointment.practitionerId(), buckets);
        if (resourceCandidates.isEmpty()) {
            return;
        }
        try {
            appointment.useResource(claimResource(appointment, resourceCandidates, resource -> buckets));
        } catch (RuntimeException e) {
            calendar.release(appointment.practitionerId(), buckets, appointment.id(), appointment.revision());
            throw e;
        }
    }

    /**
     * Moves the claims of an appointment already set to its new time (at its next revision), which had the buckets
     * {@code before} and the room/device {@code oldResource}: claims the buckets it gains (of its room/device if free
     * then, otherwise of the first free other candidate), runs {@code store}, then releases the buckets it left. A
     * conflict or a failed store gives back what this call claimed.
     */
    void move(Appointment appointment, List<Instant> before, String oldResource, List<String> resourceCandidates,
              Runnable store) {
        String id = appointment.id();
        List<Instant> after = appointment.calendarBuckets();
        List<Instant> gained = after.stream().filter(bucket -> !before.contains(bucket)).toList();
        List<Instant> left = before.stream().filter(bucket -> !after.contains(bucket)).toList();
        Function<String, List<Instant>> gainedOf = resource -> resource.equals(oldResource) ? gained : after;

        claimCalendar(appointment, appointment.practitionerId(), gained);
        String newResource = null;
        try {
            if (!resourceCandidates.isEmpty()) {
                newResource = claimResource(appointment, resourceCandidates, gainedOf);
                appointment.useResource(newResource);
            }
            store.run();
        } catch (RuntimeException e) {
            calendar.release(appointment.practitionerId(), gained, id, appointment.revision());
            if (newResource != null) {
                calendar.release(Appointment.resourceOwner(newResource), gainedOf.apply(newResource), id,
                        appointment.revision());
            }
            throw e;
        }
        calendar.release(appointment.practitionerId(), left, id, appointment.revision() - 1);
        if (oldResource != null) {
            calendar.release(Appointment.resourceOwner(oldResource), oldResource.equals(newResource) ? left : before,
                    id, appointment.revision() - 1);
        }
    }

    /** Gives back every bucket the appointment holds at its revision (practitioner and room/device). */
    void releaseAll(Appointment appointment) {
        for (String owner : appointment.calendarOwners()) {
            calendar.release(owner, appointment.calendarBuckets(), appointment.id(), appointment.revision());
        }
    }

    /** Releases every claim of a booking attempt that never stored its appointment. */
    void releaseAll(String appointmentId) {
        calendar.releaseAll(appointmentId);
    }

    /** Claims the buckets of the first candidate room/device that has them free; returns its id. */
    private String claimResource(Appointment appointment, List<String> candidates,
                                 Function<String, List<Instant>> bucketsOf) {
        for (String candidate : candidates) {
            try {
                claimCalendar(appointment, Appointment.resourceOwner(candidate), bucketsOf.apply(candidate));
                return candidate;
            } catch (SlotUnavailableException taken) {
                // the next one
            }
        }
        throw new BookingRuleException(BookingRule.NO_FREE_RESOURCE, "start", "No room or device needed for "
                + appointment.serviceId() + " is free at " + appointment.clinicId() + " over " + appointment.start()
                + " - " + appointment.end());
    }

    /**
     * Claims the buckets of the owner's calendar (the practitioner, or a room/device) for the appointment at its
     * current revision, clearing stale claims in the way.
     */
    private void claimCalendar(Appointment appointment, String owner, List<Instant> buckets) {
        for (int cleared = 0; ; cleared++) {
            Optional<Claim> conflict = calendar.claim(owner, buckets, appointment.id(), appointment.revision());
            if (conflict.isEmpty()) {
                return;
            }
            if (cleared > buckets.size() || !clearIfStale(conflict.get())) {
                throw new SlotUnavailableException((owner.equals(appointment.practitionerId())
                        ? "Practitioner " + owner : owner) + " already has an appointment overlapping "
                        + appointment.start() + " - " + appointment.end()
                        + (appointment.bufferBeforeMinutes() + appointment.bufferAfterMinutes() > 0
                        ? " (with its buffers)" : ""));
            }
        }
    }

    /**
     * Releases a claim its appointment no longer needs: the appointment is stored at the claim's revision or later
     * and gave its time back (cancelled, no-show) or moved away from the bucket. A claim whose appointment is not
     * stored (a booking in flight) or is stored at an older revision (a reschedule in flight) is left alone.
     */
    private boolean clearIfStale(Claim claim) {
        if (claim.appointmentId().isEmpty()) {
            return true; // released meanwhile: try again
        }
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
        if (!stored.calendarOwners().contains(claim.practitionerId())
                || !stored.calendarBuckets().contains(claim.bucket())) {
            calendar.release(claim);
            return true;
        }
        return false;
    }
}
