package com.clinicbackbone.booking.appointment;

import static com.clinicbackbone.booking.appointment.AppointmentStatus.BOOKED;
import static com.clinicbackbone.booking.appointment.AppointmentStatus.CANCELLED;
import static com.clinicbackbone.booking.appointment.AppointmentStatus.CHECKED_IN;
import static com.clinicbackbone.booking.appointment.AppointmentStatus.COMPLETED;
import static com.clinicbackbone.booking.appointment.AppointmentStatus.CONFIRMED;
import static com.clinicbackbone.booking.appointment.AppointmentStatus.NO_SHOW;

import com.clinicbackbone.booking.clinic.ClinicService;
import com.clinicbackbone.booking.clinic.Practitioner;
import com.clinicbackbone.events.AppointmentBooked;
import com.clinicbackbone.events.AppointmentCancelled;
import com.clinicbackbone.events.AppointmentCheckedIn;
import com.clinicbackbone.events.AppointmentCompleted;
import com.clinicbackbone.events.AppointmentConfirmed;
import com.clinicbackbone.events.AppointmentNoShow;
import com.clinicbackbone.events.AppointmentRescheduled;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One visit of a patient with a practitioner at a clinic. Guards its lifecycle (BOOKED → CONFIRMED → CHECKED_IN →
 * COMPLETED; CANCELLED or NO_SHOW from BOOKED/CONFIRMED; rescheduled keeping its id) and registers one event per
 * change; the revision grows by one with every change.
 */
public final class Appointment {

    public static final int MAX_REASON_LENGTH = 500;

    private final String id;
    private final String clinicId;
    private final String serviceId;
    private final String practitionerId;
    private final String patientId;
    private Instant start;
    private Instant end;
    private final Instant createdAt;
    private final boolean walkIn;
    private AppointmentStatus status;
    private long revision;
    private Instant cancelledAt;
    private String cancellationReason;
    private Party cancelledBy;
    private Boolean late;
    private final int bufferBeforeMinutes;
    private final int bufferAfterMinutes;
    private String resourceId;
    private boolean cancellationRequested;
    private final List<Object> events = new ArrayList<>();

    private Appointment(String id, String clinicId, String serviceId, String practitionerId, String patientId,
                        Instant start, Instant end, Instant createdAt, boolean walkIn, AppointmentStatus status,
                        long revision, Instant cancelledAt, String cancellationReason, Party cancelledBy,
                        Boolean late, int bufferBeforeMinutes, int bufferAfterMinutes, String resourceId) {
        this.id = id;
        this.clinicId = clinicId;
        this.serviceId = serviceId;
        this.practitionerId = practitionerId;
        this.patientId = patientId;
        this.start = start;
        this.end = end;
        this.createdAt = createdAt;
        this.walkIn = walkIn;
        this.status = status;
        this.revision = revision;
        this.cancelledAt = cancelledAt;
        this.cancellationReason = cancellationReason;
        this.cancelledBy = cancelledBy;
        this.late = late;
        this.bufferBeforeMinutes = bufferBeforeMinutes;
        this.bufferAfterMinutes = bufferAfterMinutes;
        this.resourceId = resourceId;
    }

    /** Books the service with the practitioner; end = start + the service's duration. */
    public static Appointment book(String id, ClinicService service, Practitioner practitioner, String patientId,
                                   Instant start, Instant now) {
        requireBookableStart(start, now);
        return create(id, service, practitioner, patientId, start, now, false);
    }

    /** Books a walk-in at the desk: it starts now, rounded down to the calendar grid (so a little in the past). */
    public static Appointment walkIn(String id, ClinicService service, Practitioner practitioner, String patientId,
                                     Instant now) {
        return create(id, service, practitioner, patientId, CalendarBuckets.floor(now), now, true);
    }

    private static Appointment create(String id, ClinicService service, Practitioner practitioner, String patientId,
                                      Instant start, Instant now, boolean walkIn) {
        if (!practitioner.worksAt(service.clinicId())) {
            throw new UnknownReferenceException("practitionerId",
                    practitioner.id() + " does not work at clinic " + service.clinicId());
        }
        Appointment appointment = new Appointment(id, service.clinicId(), service.id(), practitioner.id(), patientId,
                start, start.plus(service.duration()), now.truncatedTo(ChronoUnit.MILLIS), walkIn, BOOKED, 1, null,
                null, null, null, service.bufferBeforeMinutes(), service.bufferAfterMinutes(), null);
        appointment.events.add(new AppointmentBooked(id, appointment.clinicId, appointment.serviceId,
                appointment.practitionerId, patientId, appointment.start, appointment.end, BOOKED.name()));
        return appointment;
    }

    /**
     * This new booking's time as a hold (see {@link AppointmentService#hold}): the same appointment at revision 0 and
     * without events. Never stored; its calendar claims keep the time for the booking that may follow under the same
     * id (at revision 1, which a claim of revision 0 of the same id does not block).
     */
    Appointment asHold() {
        return new Appointment(id, clinicId, serviceId, practitionerId, patientId, start, end, createdAt, walkIn,
                status, 0, null, null, null, null, bufferBeforeMinutes, bufferAfterMinutes, resourceId);
    }

    /** A start must lie on the 5-minute grid and not in the past. */
    public static void requireBookableStart(Instant start, Instant now) {
        if (!CalendarBuckets.isOnGrid(start)) {
            throw new InvalidAppointmentException("start", "must be on the 5-minute grid, for example 16:05:00Z");
        }
        if (start.isBefore(now)) {
            throw new InvalidAppointmentException("start", "must not be in the past");
        }
    }

    /** An appointment as it was stored. */
    public static Appointment restore(String id, String clinicId, String serviceId, String practitionerId,
                                      String patientId, Instant start, Instant end, Instant createdAt,
                                      boolean walkIn, AppointmentStatus status, long revision, Instant cancelledAt,
                                      String cancellationReason, Party cancelledBy, Boolean late) {
        return restore(id, clinicId, serviceId, practitionerId, patientId, start, end, createdAt, walkIn, status,
                revision, cancelledAt, cancellationReason, cancelledBy, late, 0, 0, null);
    }

    /** An appointment as it was stored, with the buffers it was booked with and its room/device (or null). */
    public static Appointment restore(String id, String clinicId, String serviceId, String practitionerId,
                                      String patientId, Instant start, Instant end, Instant createdAt,
                                      boolean walkIn, AppointmentStatus status, long revision, Instant cancelledAt,
                                      String cancellationReason, Party cancelledBy, Boolean late,
                                      int bufferBeforeMinutes, int bufferAfterMinutes, String resourceId) {
        return new Appointment(id, clinicId, serviceId, practitionerId, patientId, start, end, createdAt, walkIn,
                status, revision, cancelledAt, cancellationReason, cancelledBy, late, bufferBeforeMinutes,
                bufferAfterMinutes, resourceId);
    }

    /** The patient confirmed they will come (by link, SMS reply or at the desk's call). */
    public void confirm() {
        requireStatus(CONFIRMED, "confirmed", BOOKED);
        changeTo(CONFIRMED);
        events.add(new AppointmentConfirmed(id, clinicId, serviceId, practitionerId, patientId, start, end,
                status.name()));
    }

    /** The patient arrived; a booking that was never confirmed can be checked in too. */
    public void checkIn() {
        requireStatus(CHECKED_IN, "checked in", BOOKED, CONFIRMED);
        changeTo(CHECKED_IN);
        events.add(new AppointmentCheckedIn(id, clinicId, serviceId, practitionerId, patientId, start, end,
                status.name()));
    }

    /** The visit took place; only a checked-in appointment can be completed. */
    public void complete() {
        requireStatus(COMPLETED, "completed", CHECKED_IN);
        changeTo(COMPLETED);
        events.add(new AppointmentCompleted(id, clinicId, serviceId, practitionerId, patientId, start, end,
                status.name()));
    }

    /** The patient did not come; possible once the appointment has started. */
    public void markNoShow(Instant now) {
        requireStatus(NO_SHOW, "marked a no-show", BOOKED, CONFIRMED);
        if (now.isBefore(start)) {
            throw new AppointmentStateException("Appointment " + id + " starts at " + start
                    + "; it cannot be marked a no-show before it has started", status);
        }
        changeTo(NO_SHOW);
        events.add(new AppointmentNoShow(id, clinicId, serviceId, practitionerId, patientId, start, end,
                status.name()));
    }

    /**
     * Cancels a booked or confirmed appointment; the reason (optional, may hold health information) stays out of the
     * event. A cancellation inside the late-cancellation window before the start is flagged late; a patient cannot
     * cancel inside it (the clinic can).
     */
    public void cancel(String reason, Party by, Duration lateWindow, Instant now) {
        requireStatus(CANCELLED, "cancelled", BOOKED, CONFIRMED);
        String trimmed = reason == null || reason.isBlank() ? null : reason.strip();
        if (trimmed != null && trimmed.length() > MAX_REASON_LENGTH) {
            throw new InvalidAppointmentException("reason", "must be at most " + MAX_REASON_LENGTH + " characters");
        }
        boolean isLate = isInsideLateWindow(lateWindow, now);
        if (isLate && by == Party.PATIENT) {
            throw new LateChangeException("Appointment " + id + " starts at " + start + ", within the "
                    + describe(lateWindow) + " late-cancellation window: it can no longer be cancelled online;"
                    + " call the clinic to cancel", lateWindow);
        }
        changeTo(CANCELLED);
        cancelledAt = now.truncatedTo(ChronoUnit.MILLIS);
        cancellationReason = trimmed;
        cancelledBy = by;
        late = isLate;
        events.add(new AppointmentCancelled(id, clinicId, serviceId, practitionerId, patientId, start, end,
                status.name(), cancelledAt, late));
    }

    /**
     * Moves a booked or confirmed appointment to a new start, keeping its id and length; the new time is unconfirmed
     * (BOOKED) until the patient confirms it. The new start follows the booking rules (grid, not in the past); a
     * patient cannot move an appointment that is already inside the late-cancellation window.
     */
    public void reschedule(Instant newStart, Party by, Duration lateWindow, Instant now) {
        requireStatus(null, "rescheduled", BOOKED, CONFIRMED);
        requireBookableStart(newStart, now);
        if (newStart.equals(start)) {
            throw new InvalidAppointmentException("start", "is the appointment's current start");
        }
        if (by == Party.PATIENT && isInsideLateWindow(lateWindow, now)) {
            throw new LateChangeException("Appointment " + id + " starts at " + start + ", within the "
                    + describe(lateWindow) + " late-cancellation window: it can no longer be moved online;"
                    + " call the clinic to reschedule", lateWindow);
        }
        Instant previousStart = start;
        Duration length = Duration.between(start, end);
        start = newStart;
        end = newStart.plus(length);
        changeTo(BOOKED);
        events.add(new AppointmentRescheduled(id, clinicId, serviceId, practitionerId, patientId, start, end,
                status.name(), previousStart));
    }

    /** Whether less than the window is left before the start (exactly the window before it is still in time). */
    public boolean isInsideLateWindow(Duration lateWindow, Instant now) {
        return Duration.between(now, start).compareTo(lateWindow) < 0;
    }

    private void requireStatus(AppointmentStatus target, String verb, AppointmentStatus... allowed) {
        if (Set.of(allowed).contains(status)) {
            return;
        }
        if (status == target) {
            throw new AppointmentStateException("Appointment " + id + " is already " + verb, status);
        }
        throw new AppointmentStateException("Appointment " + id + ": a " + status + " appointment cannot be " + verb,
                status);
    }

    /** Every change is the front desk (or the patient) acting on the visit: a pending request to cancel is settled. */
    private void changeTo(AppointmentStatus next) {
        status = next;
        revision++;
        cancellationRequested = false;
    }

    private static String describe(Duration window) {
        return window.toMinutes() % 60 == 0 ? window.toHours() + " h" : window.toMinutes() + " min";
    }

    /**
     * Drops the free text that could hold personal data (the cancellation reason), after the patient was erased.
     * Not a change of the appointment's facts: no revision, no event. Returns whether anything was dropped.
     */
    public boolean erasePersonalData() {
        boolean had = cancellationReason != null;
        cancellationReason = null;
        return had;
    }

    /**
     * The start of the calendar time this appointment holds for its practitioner and its room/device: its start less
     * the buffer before it was booked with (a later change of the service moves no buffer).
     */
    public Instant calendarStart() {
        return start.minus(Duration.ofMinutes(bufferBeforeMinutes));
    }

    /** The end of the calendar time this appointment holds: its end plus the buffer after it was booked with. */
    public Instant calendarEnd() {
        return end.plus(Duration.ofMinutes(bufferAfterMinutes));
    }

    /** Whose calendars hold its time ({@link #calendarStart()} to {@link #calendarEnd()}): the practitioner, and the room/device if it uses one. */
    public List<String> calendarOwners() {
        return resourceId == null ? List.of(practitionerId) : List.of(practitionerId, resourceOwner(resourceId));
    }

    /** The calendar owner key of a room/device (practitioners use their id). */
    public static String resourceOwner(String resourceId) {
        return "resource:" + resourceId;
    }

    /** Takes the room/device (whose calendar the booking claimed), replacing any it had. */
    public void useResource(String resourceId) {
        this.resourceId = resourceId;
    }

    public String resourceId() {
        return resourceId;
    }

    public int bufferBeforeMinutes() {
        return bufferBeforeMinutes;
    }

    public int bufferAfterMinutes() {
        return bufferAfterMinutes;
    }

    /** The events registered since the appointment was loaded or last stored, oldest first. */
    public List<Object> events() {
        return List.copyOf(events);
    }

    public void clearEvents() {
        events.clear();
    }

    public String id() {
        return id;
    }

    public String clinicId() {
        return clinicId;
    }

    public String serviceId() {
        return serviceId;
    }

    public String practitionerId() {
        return practitionerId;
    }

    public String patientId() {
        return patientId;
    }

    public Instant start() {
        return start;
    }

    public Instant end() {
        return end;
    }

    public Instant createdAt() {
        return createdAt;
    }

    /** Booked at the desk to start now. */
    public boolean walkIn() {
        return walkIn;
    }

    public AppointmentStatus status() {
        return status;
    }

    public long revision() {
        return revision;
    }

    public Instant cancelledAt() {
        return cancelledAt;
    }

    public String cancellationReason() {
        return cancellationReason;
    }

    /** Who cancelled; null unless cancelled. */
    public Party cancelledBy() {
        return cancelledBy;
    }

    /**
     * The patient asked by SMS reply to cancel inside the late-cancellation window, where they cannot cancel
     * themself: the front desk is to call them. Stored apart from the revision (no event comes of it).
     */
    public boolean cancellationRequested() {
        return cancellationRequested;
    }

    /** Restores the stored {@link #cancellationRequested()} flag; returns this appointment. */
    public Appointment withCancellationRequested(boolean requested) {
        cancellationRequested = requested;
        return this;
    }

    /** Whether the cancellation came inside the late-cancellation window; null unless cancelled. */
    public Boolean late() {
        return late;
    }
}
