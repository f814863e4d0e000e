package com.clinicbackbone.booking.appointment;

import static com.clinicbackbone.booking.appointment.AppointmentStatus.BOOKED;
import static com.clinicbackbone.booking.appointment.AppointmentStatus.CANCELLED;

import com.clinicbackbone.booking.clinic.ClinicService;
import com.clinicbackbone.booking.clinic.Practitioner;
import com.clinicbackbone.events.AppointmentBooked;
import com.clinicbackbone.events.AppointmentCancelled;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * One visit of a patient with a practitioner at a clinic. Guards its rules and registers the events of its
 * changes ({@link AppointmentBooked}, {@link AppointmentCancelled}); the revision grows with every change.
 */
public final class Appointment {

    public static final int MAX_REASON_LENGTH = 500;

    private final String id;
    private final String clinicId;
    private final String serviceId;
    private final String practitionerId;
    private final String patientId;
    private final Instant start;
    private final Instant end;
    private final Instant createdAt;
    private AppointmentStatus status;
    private long revision;
    private Instant cancelledAt;
    private String cancellationReason;
    private final List<Object> events = new ArrayList<>();

    private Appointment(String id, String clinicId, String serviceId, String practitionerId, String patientId,
                        Instant start, Instant end, Instant createdAt, AppointmentStatus status, long revision,
                        Instant cancelledAt, String cancellationReason) {
        this.id = id;
        this.clinicId = clinicId;
        this.serviceId = serviceId;
        this.practitionerId = practitionerId;
        this.patientId = patientId;
        this.start = start;
        this.end = end;
        this.createdAt = createdAt;
        this.status = status;
        this.revision = revision;
        this.cancelledAt = cancelledAt;
        this.cancellationReason = cancellationReason;
    }

    /** Books the service with the practitioner; end = start + the service's duration. */
    public static Appointment book(String id, ClinicService service, Practitioner practitioner, String patientId,
                                   Instant start, Instant now) {
        requireBookableStart(start, now);
        if (!practitioner.worksAt(service.clinicId())) {
            throw new UnknownReferenceException("practitionerId",
                    practitioner.id() + " does not work at clinic " + service.clinicId());
        }
        Appointment appointment = new Appointment(id, service.clinicId(), service.id(), practitioner.id(), patientId,
                start, start.plus(service.duration()), now.truncatedTo(ChronoUnit.MILLIS), BOOKED, 1, null, null);
        appointment.events.add(new AppointmentBooked(id, appointment.clinicId, appointment.serviceId,
                appointment.practitionerId, patientId, appointment.start, appointment.end, BOOKED.name()));
        return appointment;
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
                                      AppointmentStatus status, long revision, Instant cancelledAt,
                                      String cancellationReason) {
        return new Appointment(id, clinicId, serviceId, practitionerId, patientId, start, end, createdAt, status,
                revision, cancelledAt, cancellationReason);
    }

    /** Cancels a booked appointment; the reason (optional, may hold health information) stays out of the event. */
    public void cancel(String reason, Instant now) {
        if (status == CANCELLED) {
            throw new AppointmentStateException("Appointment " + id + " is already cancelled");
        }
        String trimmed = reason == null || reason.isBlank() ? null : reason.strip();
        if (trimmed != null && trimmed.length() > MAX_REASON_LENGTH) {
            throw new InvalidAppointmentException("reason", "must be at most " + MAX_REASON_LENGTH + " characters");
        }
        status = CANCELLED;
        revision++;
        cancelledAt = now.truncatedTo(ChronoUnit.MILLIS);
        cancellationReason = trimmed;
        events.add(new AppointmentCancelled(id, clinicId, serviceId, practitionerId, patientId, start, end,
                CANCELLED.name(), cancelledAt));
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

    /** The practitioner's calendar buckets this appointment occupies. */
    public List<Instant> calendarBuckets() {
        return CalendarBuckets.covering(start, end);
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
}
