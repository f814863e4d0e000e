package com.clinicbackbone.booking.appointment;

import com.clinicbackbone.booking.appointment.PractitionerCalendar.Claim;
import com.clinicbackbone.booking.clinic.Catalog;
import com.clinicbackbone.booking.clinic.Clinic;
import com.clinicbackbone.booking.clinic.ClinicService;
import com.clinicbackbone.booking.clinic.Practitioner;
import com.clinicbackbone.booking.clinic.UnknownClinicException;
import com.clinicbackbone.booking.clinic.UnknownPractitionerException;
import com.clinicbackbone.booking.patient.PatientEligibility;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Books, moves, cancels and walks appointments through their lifecycle. No double booking: an appointment is stored
 * only after it has claimed every calendar bucket of its practitioner; a reschedule claims the new buckets before
 * it stores the new time and releases the old ones after; a cancellation or no-show releases the claims after it is
 * stored. A change that stops half-way leaves claims behind that the next conflicting claim recognises as stale
 * (their appointment is stored at their revision or later and no longer covers them) and releases. Only a patient
 * the registry knows as active and linked to the clinic can be booked. Of an erased patient, appointments keep the
 * patient id and nothing else personal (no free text).
 */
public class AppointmentService {

    private static final Comparator<Appointment> BY_START =
            Comparator.comparing(Appointment::start).thenComparing(Appointment::id);

    private final Catalog catalog;
    private final Appointments appointments;
    private final PractitionerCalendar calendar;
    private final PatientEligibility patients;
    private final Clock clock;

    public AppointmentService(Catalog catalog, Appointments appointments, PractitionerCalendar calendar,
                              PatientEligibility patients, Clock clock) {
        this.catalog = catalog;
        this.appointments = appointments;
        this.calendar = calendar;
        this.patients = patients;
        this.clock = clock;
    }

    public Appointment book(BookAppointment request) {
        return book(UUID.randomUUID().toString(), request);
    }

    /**
     * Books under the given id (an idempotent request keeps its id across retries). A walk-in starts now, rounded
     * down to the grid; any other start must be on the grid and not in the past.
     */
    public Appointment book(String id, BookAppointment request) {
        Appointment appointment = plan(id, request, clock.instant());
        List<Instant> buckets = appointment.calendarBuckets();
        claimCalendar(appointment, buckets);
        try {
            appointments.add(appointment);
        } catch (RuntimeException e) {
            if (!isStored(id)) { // a racing retry of the same idempotent request stored it: its claims stay
                calendar.release(appointment.practitionerId(), buckets, id, appointment.revision());
            }
            throw e;
        }
        return appointment;
    }

    /**
     * Books every request or none (the sessions of a treatment course): each is checked as {@link #book} checks it,
     * then every calendar bucket of every session is claimed, and only then are the appointments stored.
     *
     * @throws SessionNotBookableException naming the first session that cannot be booked (nothing is stored then)
     */
    public List<Appointment> bookAll(List<BookAppointment> requests) {
        Instant now = clock.instant();
        List<Appointment> planned = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            try {
                planned.add(plan(UUID.randomUUID().toString(), requests.get(i), now));
            } catch (RuntimeException e) {
                throw new SessionNotBookableException(i, e);
            }
        }
        List<Appointment> claimed = new ArrayList<>();
        try {
            for (int i = 0; i < planned.size(); i++) {
                try {
                    claimCalendar(planned.get(i), planned.get(i).calendarBuckets());
                } catch (SlotUnavailableException e) {
                    throw new SessionNotBookableException(i, e);
                }
                claimed.add(planned.get(i));
            }
        } catch (RuntimeException e) {
            claimed.forEach(this::releaseAll);
            throw e;
        }
        for (int i = 0; i < planned.size(); i++) {
            try {
                appointments.add(planned.get(i));
            } catch (RuntimeException e) { // the store failed half-way: give back the time of those not stored
                planned.subList(i, planned.size()).forEach(this::releaseAll);
                throw e;
            }
        }
        return planned;
    }

    /**
     * Checks a booking request and creates its appointment (not yet stored or claimed). A walk-in starts now,
     * rounded down to the grid; any other start must be on the grid and not in the past.
     */
    private Appointment plan(String id, BookAppointment request, Instant now) {
        if (!request.walkIn()) {
            Appointment.requireBookableStart(request.start(), now);
        }
        catalog.clinic(request.clinicId()).orElseThrow(
                () -> new UnknownReferenceException("clinicId", "No clinic " + request.clinicId()));
        ClinicService service = catalog.service(request.clinicId(), request.serviceId()).orElseThrow(
                () -> new UnknownReferenceException("serviceId",
                        "Clinic " + request.clinicId() + " offers no service " + request.serviceId()));
        Practitioner practitioner = catalog.practitioner(request.practitionerId()).orElseThrow(
                () -> new UnknownReferenceException("practitionerId", "No practitioner " + request.practitionerId()));
        if (!practitioner.worksAt(service.clinicId())) { // as Appointment.book would, but before the patient wait
            throw new UnknownReferenceException("practitionerId",
                    practitioner.id() + " does not work at clinic " + service.clinicId());
        }
        patients.requireBookable(request.patientId(), request.clinicId());
        return request.walkIn()
                ? Appointment.walkIn(id, service, practitioner, request.patientId(), now)
                : Appointment.book(id, service, practitioner, request.patientId(), request.start(), now);
    }

    /**
     * For a retried booking whose first attempt stopped before it finished: the appointment, if that attempt stored
     * it; otherwise empty, after releasing whatever calendar claims the attempt left.
     */
    public Optional<Appointment> resumeBooking(String id) {
        Optional<Appointment> stored = appointments.find(id);
        if (stored.isEmpty()) {
            calendar.releaseAll(id);
        }
        return stored;
    }

    public Appointment get(String id) {
        return appointments.find(id).orElseThrow(() -> new AppointmentNotFoundException(id));
    }

    public Appointment confirm(String id) {
        return change(id, Appointment::confirm);
    }

    public Appointment checkIn(String id) {
        return change(id, Appointment::checkIn);
    }

    public Appointment complete(String id) {
        return change(id, Appointment::complete);
    }

    /** Marks a started appointment a no-show and gives the rest of its time back (for a walk-in, say). */
    public Appointment markNoShow(String id) {
        Appointment appointment = change(id, it -> it.markNoShow(clock.instant()));
        releaseAll(appointment);
        return appointment;
    }

    /**
     * Cancels, flagged late inside the service's late-cancellation window (where a patient cannot cancel). The
     * reason is free text and is not kept for an erased patient. Should the erasure land between the check and the
     * write, the check after the write clears it (the erasure consumer marks the registry before it clears the
     * appointments, so one of the two sees the other).
     */
    public Appointment cancel(String id, String reason, Party by) {
        Appointment appointment = get(id);
        boolean erased = patients.isErased(appointment.patientId());
        appointment.cancel(erased ? null : reason, by, lateWindow(appointment), clock.instant());
        appointments.update(appointment);
        releaseAll(appointment);
        if (!erased && appointment.cancellationReason() != null && patients.isErased(appointment.patientId())) {
            erasePersonalDataOf(appointment.patientId());
            return get(id);
        }
        return appointment;
    }

    /**
     * Moves the appointment to a new start, keeping its id, practitioner and length: claims the buckets it gains
     * (a conflict changes nothing), stores the new time, then releases the buckets it left.
     */
    public Appointment reschedule(String id, Instant newStart, Party by) {
        Appointment appointment = get(id);
        List<Instant> before = appointment.calendarBuckets();
        appointment.reschedule(newStart, by, lateWindow(appointment), clock.instant());
        List<Instant> after = appointment.calendarBuckets();
        List<Instant> gained = after.stream().filter(bucket -> !before.contains(bucket)).toList();
        List<Instant> left = before.stream().filter(bucket -> !after.contains(bucket)).toList();

        claimCalendar(appointment, gained);
        try {
            appointments.update(appointment);
        } catch (RuntimeException e) {
            calendar.release(appointment.practitionerId(), gained, id, appointment.revision());
            throw e;
        }
        calendar.release(appointment.practitionerId(), left, id, appointment.revision() - 1);
        return appointment;
    }

    /** The clinic's appointments (every status) starting on the date in the clinic's time zone, by start. */
    public List<Appointment> clinicDay(String clinicId, LocalDate date) {
        Clinic clinic = catalog.clinic(clinicId).orElseThrow(() -> new UnknownClinicException(clinicId));
        ZoneId zone = ZoneId.of(clinic.timeZone());
        return appointments.atClinic(clinicId, date.atStartOfDay(zone).toInstant(),
                date.plusDays(1).atStartOfDay(zone).toInstant()).stream().sorted(BY_START).toList();
    }

    /**
     * The practitioner's appointments at every clinic (every status) starting on the date, each in its clinic's
     * time zone, by start.
     */
    public List<Appointment> practitionerDay(String practitionerId, LocalDate date) {
        catalog.practitioner(practitionerId).orElseThrow(() -> new UnknownPractitionerException(practitionerId));
        Map<String, ZoneId> zones = catalog.clinics().stream()
                .collect(Collectors.toMap(Clinic::id, clinic -> ZoneId.of(clinic.timeZone())));
        // the widest span any clinic's local date covers; then each appointment by its own clinic's date
        Instant from = zones.values().stream().map(zone -> date.atStartOfDay(zone).toInstant())
                .min(Comparator.naturalOrder()).orElse(date.atStartOfDay(ZoneOffset.UTC).toInstant());
        Instant to = zones.values().stream().map(zone -> date.plusDays(1).atStartOfDay(zone).toInstant())
                .max(Comparator.naturalOrder()).orElse(date.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        return appointments.ofPractitioner(practitionerId, from, to).stream()
                .filter(it -> it.start().atZone(zones.getOrDefault(it.clinicId(), ZoneOffset.UTC)).toLocalDate()
                        .equals(date))
                .sorted(BY_START).toList();
    }

    /** Clears every free text of the patient's appointments (idempotent); returns how many were changed. */
    public int erasePersonalDataOf(String patientId) {
        return appointments.erasePersonalDataOf(patientId);
    }

    private Appointment change(String id, Consumer<Appointment> change) {
        Appointment appointment = get(id);
        change.accept(appointment);
        appointments.update(appointment);
        return appointment;
    }

    private Duration lateWindow(Appointment appointment) {
        return catalog.service(appointment.clinicId(), appointment.serviceId())
                .map(ClinicService::lateCancellationWindow)
                .orElse(ClinicService.DEFAULT_LATE_CANCELLATION_WINDOW);
    }

    /** Claims the buckets for the appointment at its current revision, clearing stale claims in the way. */
    private void claimCalendar(Appointment appointment, List<Instant> buckets) {
        for (int cleared = 0; ; cleared++) {
            Optional<Claim> conflict = calendar.claim(appointment.practitionerId(), buckets, appointment.id(),
                    appointment.revision());
            if (conflict.isEmpty()) {
                return;
            }
            if (cleared > buckets.size() || !clearIfStale(conflict.get())) {
                throw new SlotUnavailableException("Practitioner " + appointment.practitionerId()
                        + " already has an appointment overlapping " + appointment.start() + " - "
                        + appointment.end());
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
        if (!stored.calendarBuckets().contains(claim.bucket())) {
            calendar.release(claim);
            return true;
        }
        return false;
    }

    private void releaseAll(Appointment appointment) {
        calendar.release(appointment.practitionerId(), appointment.calendarBuckets(), appointment.id(),
                appointment.revision());
    }

    private boolean isStored(String id) {
        try {
            return appointments.find(id).isPresent();
        } catch (RuntimeException unknown) {
            return false;
        }
    }
}
