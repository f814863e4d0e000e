package com.clinicbackbone.booking.appointment;

import com.clinicbackbone.booking.clinic.Catalog;
import com.clinicbackbone.booking.clinic.Clinic;
import com.clinicbackbone.booking.clinic.ClinicService;
import com.clinicbackbone.booking.clinic.Practitioner;
import com.clinicbackbone.booking.clinic.Resource;
import com.clinicbackbone.booking.clinic.UnknownClinicException;
import com.clinicbackbone.booking.clinic.UnknownPractitionerException;
import com.clinicbackbone.booking.patient.PatientEligibility;
import com.clinicbackbone.booking.patient.RegisteredPatient;
import com.clinicbackbone.booking.schedule.ScheduleService;
import com.clinicbackbone.booking.schedule.Unavailability;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Books, moves, cancels and walks appointments through their lifecycle. Every booking (single, all-or-none, walk-in)
 * and every move is checked against the scheduling rules in one place ({@link #plan}, and the start rules for a
 * move): hours, breaks, leave, closures, the service's grid, horizon, minimum notice and online flag, who provides it,
 * its prerequisite and its device. No double booking: an appointment is stored only after it has claimed its time
 * (buffers included) on the calendar of its practitioner and of the room/device it takes ({@link CalendarClaims}); a
 * reschedule claims the new time before it stores it and releases the old time after; a cancellation or no-show
 * releases the claims after it is stored. Every read and write on these paths is by key: the appointment's id, the
 * patient's id (eligibility and prerequisite from one registry document), the calendars' owner-days. Only a patient the registry knows as active and linked to the
 * clinic can be booked. Of an erased patient, appointments keep the patient id and nothing else personal (no free
 * text).
 */
public class AppointmentService {

    private static final Comparator<Appointment> BY_START =
            Comparator.comparing(Appointment::start).thenComparing(Appointment::id);

    private final Catalog catalog;
    private final Appointments appointments;
    private final CalendarClaims claims;
    private final PatientEligibility patients;
    private final ScheduleService schedule;
    private final Clock clock;

    public AppointmentService(Catalog catalog, Appointments appointments, PractitionerCalendar calendar,
                              PatientEligibility patients, ScheduleService schedule, Clock clock) {
        this.catalog = catalog;
        this.appointments = appointments;
        this.claims = new CalendarClaims(calendar, appointments);
        this.patients = patients;
        this.schedule = schedule;
        this.clock = clock;
    }

    public Appointment book(BookAppointment request) {
        return book(UUID.randomUUID().toString(), request);
    }

    /**
     * Books under the given id (an idempotent request keeps its id across retries), after checking every rule of
     * {@link #plan}; claims the practitioner's time and that of a free room/device, then stores.
     */
    public Appointment book(String id, BookAppointment request) {
        return claimAndStore(plan(id, request, clock.instant(), new HashMap<>()), List.of());
    }

    /**
     * Claims the planned appointment's time (its rooms/devices in the order given, {@code preferred} first), then
     * stores it; see {@link #book(String, BookAppointment)}.
     */
    private Appointment claimAndStore(Planned planned, List<String> preferred) {
        Appointment appointment = planned.appointment();
        String id = appointment.id();
        List<String> candidates = new ArrayList<>(preferred);
        planned.resourceCandidates().stream().filter(it -> !candidates.contains(it)).forEach(candidates::add);
        candidates.retainAll(planned.resourceCandidates());
        try {
            claims.hold(List.of(new CalendarClaims.Wanted(appointment, candidates)));
        } catch (SessionNotBookableException e) {
            throw e.reason();
        }
        try {
            appointments.add(appointment);
        } catch (RuntimeException e) {
            // released only if known not to be stored: stored by this write (its acknowledgement lost) or by a
            // racing retry of the same idempotent request, or in doubt (the read fails too), its claims stay
            if (claims.notStoredAt(id, appointment.revision())) {
                claims.releaseAll(appointment);
            }
            throw e;
        }
        return appointment;
    }

    /**
     * Time held for a booking that may follow (a waitlist offer): which time, and on whose calendars.
     *
     * @param id         the id of the hold's claims, and of the appointment {@link #bookHeld} books
     * @param resourceId the room/device whose time is held too (null when the service needs none, or not claimed yet)
     * @param owners     every calendar the hold may have claimed time on (the practitioner, the candidate devices)
     */
    public record Hold(String id, BookAppointment request, Instant start, Instant end, Instant calendarStart,
                       Instant calendarEnd, String resourceId, List<String> owners) {

        public Hold {
            owners = List.copyOf(owners);
        }
    }

    /**
     * Holds the time of a booking that may follow (a waitlist offer): the request is checked as a front desk booking
     * is ({@link #plan}: hours, grid, horizon, who provides it, the patient, the prerequisite, a device), then its
     * time is claimed on the practitioner's calendar and a free device's as a booking at revision 0 under {@code id}.
     * Until {@link #releaseHold released}, any other booking of that time finds it taken, across instances (a claim of
     * an appointment not stored is a booking in flight, never cleared as stale); {@link #bookHeld} turns it into the
     * appointment. {@code beforeClaim} is told what is about to be claimed (so that whoever releases it later knows
     * where), before anything is.
     *
     * @throws SlotUnavailableException the practitioner's time is taken
     * @throws BookingRuleException     a rule of the booking is not met (no free device among them)
     */
    public Hold hold(String id, BookAppointment request, Consumer<Hold> beforeClaim) {
        BookAppointment byClinic = new BookAppointment(request.clinicId(), request.serviceId(),
                request.practitionerId(), request.patientId(), request.start(), false, Party.CLINIC);
        Planned planned = plan(id, byClinic, clock.instant(), new HashMap<>());
        Appointment held = planned.appointment().asHold();
        List<String> owners = new ArrayList<>(List.of(held.practitionerId()));
        planned.resourceCandidates().forEach(it -> owners.add(Appointment.resourceOwner(it)));
        beforeClaim.accept(new Hold(id, byClinic, held.start(), held.end(), held.calendarStart(), held.calendarEnd(),
                null, owners));
        try {
            claims.hold(List.of(new CalendarClaims.Wanted(held, planned.resourceCandidates())));
        } catch (SessionNotBookableException e) {
            throw e.reason();
        }
        return new Hold(id, byClinic, held.start(), held.end(), held.calendarStart(), held.calendarEnd(),
                held.resourceId(), owners);
    }

    /** Gives the held time back (idempotent; the claims of an appointment booked from it stay). */
    public void releaseHold(Hold hold) {
        claims.releaseHold(hold.owners(), hold.calendarStart(), hold.calendarEnd(), hold.id());
    }

    /**
     * Books the held time under the hold's id, checked again as a front desk booking; the appointment claims its time
     * (revision 1, its held device first) beside the hold's claims (revision 0 of the same id, which do not block
     * it), so no one else can take the time in between; then the hold is released.
     */
    public Appointment bookHeld(Hold hold) {
        Planned planned = plan(hold.id(), hold.request(), clock.instant(), new HashMap<>());
        Appointment appointment = claimAndStore(planned,
                hold.resourceId() == null ? List.of() : List.of(hold.resourceId()));
        releaseHold(hold);
        return appointment;
    }

    /**
     * Books every request or none (the sessions of a treatment course): each is checked as {@link #book} checks it,
     * then the time of every session is claimed (practitioner and room/device, all in one go), and only then are the
     * appointments stored (in one write).
     *
     * @throws SessionNotBookableException naming the first session that cannot be booked (nothing is stored then)
     */
    public List<Appointment> bookAll(List<BookAppointment> requests) {
        Instant now = clock.instant();
        Map<String, RegisteredPatient> seen = new HashMap<>();
        List<Planned> planned = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            try {
                planned.add(plan(UUID.randomUUID().toString(), requests.get(i), now, seen));
            } catch (RuntimeException e) {
                throw new SessionNotBookableException(i, e);
            }
        }
        claims.hold(planned.stream().map(it -> new CalendarClaims.Wanted(it.appointment(),
                it.resourceCandidates())).toList());
        List<Appointment> booked = planned.stream().map(Planned::appointment).toList();
        try {
            appointments.addAll(booked);
        } catch (RuntimeException e) { // the store failed (half-way?): give back the time of those known not stored
            booked.stream().filter(it -> claims.notStoredAt(it.id(), it.revision())).forEach(claims::releaseAll);
            throw e;
        }
        return booked;
    }

    /** A checked appointment, not yet claimed or stored, and the rooms/devices it may take (in order of choice). */
    private record Planned(Appointment appointment, List<String> resourceCandidates) {
    }

    /**
     * Checks a booking request and creates its appointment (not yet stored or claimed): clinic, service and a
     * practitioner who works there and provides it; the start (on the 5-minute grid, not in the past, on the
     * service's clinic-local grid, within the horizon, for a patient outside the minimum notice and online-bookable;
     * inside the practitioner's hours, not in a break, on leave or on a closed day); a room/device of the kind
     * exists; the patient (read once per patient and clinic of a request, kept in {@code seen}); the prerequisite. A
     * walk-in starts now, rounded down to the 5-minute grid: it follows
     * hours, resources and prerequisites, not the grid, notice or horizon.
     */
    private Planned plan(String id, BookAppointment request, Instant now, Map<String, RegisteredPatient> seen) {
        if (!request.walkIn()) {
            Appointment.requireBookableStart(request.start(), now);
        }
        Clinic clinic = catalog.clinic(request.clinicId()).orElseThrow(
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
        if (!service.isProvidedBy(practitioner.id())) {
            throw new BookingRuleException(BookingRule.NOT_PROVIDED, "practitionerId",
                    practitioner.id() + " does not provide " + service.id() + " at " + service.clinicId());
        }
        Instant start = request.walkIn() ? CalendarBuckets.floor(now) : request.start();
        requireStartRules(clinic, service, practitioner.id(), start, start.plus(service.duration()), request.by(),
                request.walkIn(), now);
        List<String> resources = resourceCandidates(clinic.id(), service.resourceKind(), null);
        RegisteredPatient patient = seen.computeIfAbsent(request.patientId() + "|" + request.clinicId(),
                key -> patients.requireBookable(request.patientId(), request.clinicId()));
        requirePrerequisite(service, patient, start);
        Appointment appointment = request.walkIn()
                ? Appointment.walkIn(id, service, practitioner, request.patientId(), now)
                : Appointment.book(id, service, practitioner, request.patientId(), request.start(), now);
        return new Planned(appointment, resources);
    }

    /** The rules on a start (and the end it brings) of a booking or a move; see {@link #plan}. */
    private void requireStartRules(Clinic clinic, ClinicService service, String practitionerId, Instant start,
                                   Instant end, Party by, boolean walkIn, Instant now) {
        if (by == Party.PATIENT && !service.onlineBookable()) {
            throw new BookingRuleException(BookingRule.NOT_ONLINE_BOOKABLE, "serviceId", service.name()
                    + " cannot be booked online: please call the clinic");
        }
        ZoneId zone = clinic.zone();
        if (!walkIn) {
            if (!service.isOnGrid(start, zone)) {
                throw new InvalidAppointmentException("start", "must be on the " + service.slotMinutes()
                        + "-minute grid of " + service.id() + " in clinic time (" + zone + "), e.g. 09:00 or 09:"
                        + String.format("%02d", service.slotMinutes() % 60) + " local");
            }
            if (start.isAfter(now.plus(service.bookingHorizon()))) {
                throw new BookingRuleException(BookingRule.BEYOND_HORIZON, "start", service.id()
                        + " can be booked at most " + service.bookingHorizon().toDays() + " days ahead");
            }
            if (by == Party.PATIENT && start.isBefore(now.plus(service.minimumNotice()))) {
                throw new BookingRuleException(BookingRule.INSIDE_MINIMUM_NOTICE, "start", service.id()
                        + " must be booked online at least " + describe(service.minimumNotice())
                        + " ahead; call the clinic for an earlier time");
            }
        }
        LocalDate date = start.atZone(zone).toLocalDate();
        schedule.workingTime(practitionerId, clinic, date.minusDays(1), date.plusDays(1)).whyNot(start, end)
                .ifPresent(reason -> {
                    throw new BookingRuleException(BookingRule.valueOf(reason.name()), "start",
                            practitionerId + " is not available at " + clinic.id() + " over "
                                    + start.atZone(zone).toLocalDateTime() + " - "
                                    + end.atZone(zone).toLocalDateTime() + " local: " + describe(reason));
                });
    }

    /** The patient completed the prerequisite at the clinic within its window before the start (from its registry). */
    private void requirePrerequisite(ClinicService service, RegisteredPatient patient, Instant start) {
        ClinicService.Prerequisite prerequisite = service.prerequisite();
        if (prerequisite == null) {
            return;
        }
        if (patient == null || !patient.hasCompleted(service.clinicId(), prerequisite.serviceId(),
                start.minus(prerequisite.within()), start)) {
            throw new BookingRuleException(BookingRule.PREREQUISITE_MISSING, "serviceId", service.id()
                    + " needs a completed " + prerequisite.serviceId() + " at " + service.clinicId() + " within "
                    + prerequisite.within().toDays() + " days before the start");
        }
    }

    /** The clinic's rooms/devices of the kind, {@code preferred} first; none when no kind is needed. */
    private List<String> resourceCandidates(String clinicId, String kind, String preferred) {
        if (kind == null) {
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        if (preferred != null) {
            ids.add(preferred);
        }
        catalog.resources(clinicId).stream().filter(it -> it.kind().equals(kind) && !it.id().equals(preferred))
                .forEach(it -> ids.add(it.id()));
        if (ids.isEmpty()) {
            throw new BookingRuleException(BookingRule.NO_FREE_RESOURCE, "serviceId",
                    "Clinic " + clinicId + " has no " + kind);
        }
        return ids;
    }

    /**
     * For a retried booking (the same request) whose first attempt stopped before it finished: the appointment, if
     * that attempt stored it; otherwise empty, after fencing the id (the attempt may only be stalled: its insert
     * under the id fails from now on, and it gives back its own claims then) and only then releasing whatever
     * calendar claims the attempt left (on the practitioner's and the clinic's rooms'/devices' calendars, the days
     * around its start). The retry books under another id.
     */
    public Optional<Appointment> resumeBooking(String id, BookAppointment request) {
        Optional<Appointment> stored = appointments.find(id);
        if (stored.isEmpty() && !appointments.fence(id)) { // the attempt stored it just now
            return appointments.find(id);
        }
        if (stored.isEmpty()) {
            List<String> owners = new ArrayList<>(List.of(request.practitionerId()));
            catalog.resources(request.clinicId()).forEach(it -> owners.add(Appointment.resourceOwner(it.id())));
            Instant around = request.walkIn() || request.start() == null ? clock.instant() : request.start();
            claims.releaseAttempt(id, owners, around.minus(Duration.ofDays(1)), around.plus(Duration.ofDays(1)));
        }
        return stored;
    }

    public Appointment get(String id) {
        return appointments.find(id).orElseThrow(() -> new AppointmentNotFoundException(id));
    }

    /** The appointments with these ids, in their order (one read). */
    public List<Appointment> getAll(List<String> ids) {
        List<Appointment> found = appointments.findAll(ids);
        if (found.size() < ids.size()) {
            Set<String> present = found.stream().map(Appointment::id).collect(Collectors.toSet());
            String missing = ids.stream().filter(id -> !present.contains(id)).findFirst().orElseThrow();
            throw new AppointmentNotFoundException(missing);
        }
        return found;
    }

    // Each change by id reads the appointment; the one taking the appointment a caller has just read (to check its
    // access) saves that read. The write is a compare-and-set on the revision it was read at either way.

    public Appointment confirm(String id) {
        return confirm(get(id));
    }

    public Appointment confirm(Appointment loaded) {
        return change(loaded, Appointment::confirm);
    }

    public Appointment checkIn(String id) {
        return checkIn(get(id));
    }

    public Appointment checkIn(Appointment loaded) {
        return change(loaded, Appointment::checkIn);
    }

    /** Completes the visit, and remembers it with the patient (for the prerequisites of later bookings). */
    public Appointment complete(String id) {
        return complete(get(id));
    }

    /** See {@link #complete(String)}. */
    public Appointment complete(Appointment loaded) {
        Appointment appointment = change(loaded, Appointment::complete);
        patients.recordCompletion(appointment.patientId(), appointment.clinicId(), appointment.serviceId(),
                appointment.start());
        return appointment;
    }

    /** Marks a started appointment a no-show and gives the rest of its time back (for a walk-in, say). */
    public Appointment markNoShow(String id) {
        return markNoShow(get(id));
    }

    /** See {@link #markNoShow(String)}. */
    public Appointment markNoShow(Appointment loaded) {
        Appointment appointment = change(loaded, it -> it.markNoShow(clock.instant()));
        claims.releaseAll(appointment);
        return appointment;
    }

    /**
     * Cancels, flagged late inside the service's late-cancellation window (where a patient cannot cancel). The
     * reason is free text and is not kept for an erased patient. The reason's appointment is noted on the patient's
     * registry document before the write (atomically with reading the patient's status there: an erased patient's
     * reason is not stored) and again after it, and the erasure consumer clears the appointments noted there when it
     * marks the patient erased. Should the erasure land between the note before and the write, the note after the
     * write sees it and clears the reason; should this process stop after the write, the note before lets the
     * erasure find it. Reasons stored before the notes existed are noted by {@link #noteStoredFreeText}.
     */
    public Appointment cancel(String id, String reason, Party by) {
        return cancel(get(id), reason, by);
    }

    /** See {@link #cancel(String, String, Party)}. */
    public Appointment cancel(Appointment loaded, String reason, Party by) {
        return cancel(loaded, reason, by, true);
    }

    /** Cancels the loaded appointment; a reason that is not {@code personal} (a system text) is kept as it is. */
    private Appointment cancel(Appointment appointment, String reason, Party by, boolean personal) {
        boolean freeText = personal && reason != null && !reason.isBlank();
        // noted before the write too (the read of the patient's status with it): should this process stop between
        // the write and the note after it, an erasure still finds the reason (a note without a reason is harmless)
        boolean erased = freeText && patients.noteFreeText(appointment.patientId(), appointment.id());
        appointment.cancel(erased ? null : reason, by, lateWindow(appointment), clock.instant());
        appointments.update(appointment);
        claims.releaseAll(appointment);
        if (freeText && appointment.cancellationReason() != null
                && patients.noteFreeText(appointment.patientId(), appointment.id())) {
            erasePersonalData(List.of(appointment.id()));
            return get(appointment.id());
        }
        return appointment;
    }

    /** What a patient's SMS reply did to their appointment. */
    public enum ReplyOutcome {
        CONFIRMED, CANCELLED, CANCELLATION_REQUESTED, IGNORED
    }

    static final String CANCELLED_BY_REPLY = "cancelled by the patient's SMS reply";

    /**
     * The patient replied to confirm (C, OUI, YES): a BOOKED appointment becomes CONFIRMED; any other state, an
     * unknown appointment or another patient's is left alone, so a redelivered reply changes nothing.
     */
    public ReplyOutcome confirmByReply(String id, String patientId) {
        Optional<Appointment> appointment = appointments.find(id)
                .filter(it -> it.patientId().equals(patientId) && it.status() == AppointmentStatus.BOOKED);
        if (appointment.isEmpty()) {
            return ReplyOutcome.IGNORED;
        }
        confirm(appointment.get());
        return ReplyOutcome.CONFIRMED;
    }

    /**
     * The patient replied to cancel (X, NON, NO): cancelled as by the patient when outside the service's
     * late-cancellation window; inside it, where a patient cannot cancel, only flagged
     * {@link Appointment#cancellationRequested() cancellationRequested} for the front desk. An appointment no longer
     * booked or confirmed (a redelivered reply finds it cancelled), unknown or of another patient is left alone.
     */
    public ReplyOutcome cancelByReply(String id, String patientId) {
        Optional<Appointment> appointment = upcomingOf(id, patientId);
        if (appointment.isEmpty()) {
            return ReplyOutcome.IGNORED;
        }
        if (!appointment.get().isInsideLateWindow(lateWindow(appointment.get()), clock.instant())) {
            try {
                cancel(appointment.get(), CANCELLED_BY_REPLY, Party.PATIENT, false);
                return ReplyOutcome.CANCELLED;
            } catch (LateChangeException windowReachedMeanwhile) {
                // the window began between the check and the cancellation: flag it like any late reply
            }
        }
        for (int attempt = 0; attempt < 3 && appointment.isPresent(); attempt++) {
            if (appointments.flagCancellationRequested(appointment.get())) {
                return ReplyOutcome.CANCELLATION_REQUESTED;
            }
            appointment = upcomingOf(id, patientId); // changed meanwhile
        }
        return ReplyOutcome.IGNORED;
    }

    /** The patient's appointment, if it is booked or confirmed. */
    private Optional<Appointment> upcomingOf(String id, String patientId) {
        return appointments.find(id).filter(it -> it.patientId().equals(patientId)
                && (it.status() == AppointmentStatus.BOOKED || it.status() == AppointmentStatus.CONFIRMED));
    }

    /**
     * Moves the appointment to a new start, keeping its id, practitioner, length and buffers; the new start follows
     * the same rules as a booking's (see {@link #plan}, the prerequisite too). Claims the new time (its room or device
     * if free then, otherwise another of the kind; a conflict changes nothing), stores it, then releases the old time.
     */
    public Appointment reschedule(String id, Instant newStart, Party by) {
        return reschedule(get(id), newStart, by);
    }

    /** See {@link #reschedule(String, Instant, Party)}. */
    public Appointment reschedule(Appointment appointment, Instant newStart, Party by) {
        Instant now = clock.instant();
        Instant fromStart = appointment.calendarStart();
        Instant fromEnd = appointment.calendarEnd();
        String oldResource = appointment.resourceId();
        Optional<ClinicService> service = catalog.service(appointment.clinicId(), appointment.serviceId());
        appointment.reschedule(newStart, by, lateWindow(appointment), now);
        Clinic clinic = catalog.clinic(appointment.clinicId())
                .orElseThrow(() -> new UnknownClinicException(appointment.clinicId()));
        if (service.isPresent()) {
            requireStartRules(clinic, service.get(), appointment.practitionerId(), appointment.start(),
                    appointment.end(), by, false, now);
            if (service.get().prerequisite() != null) {
                requirePrerequisite(service.get(), patients.find(appointment.patientId()).orElse(null),
                        appointment.start());
            }
        }
        List<String> candidates = oldResource == null ? List.of()
                : resourceCandidates(clinic.id(), kindOf(clinic.id(), oldResource), oldResource);
        claims.move(appointment, fromStart, fromEnd, oldResource, candidates, () -> appointments.update(appointment));
        return appointment;
    }

    private String kindOf(String clinicId, String resourceId) {
        return catalog.resources(clinicId).stream().filter(it -> it.id().equals(resourceId)).findFirst()
                .map(Resource::kind).orElse("");
    }

    /** The clinic's appointments (every status) starting on the date in the clinic's time zone, by start. */
    public List<Appointment> clinicDay(String clinicId, LocalDate date) {
        Clinic clinic = catalog.clinic(clinicId).orElseThrow(() -> new UnknownClinicException(clinicId));
        ZoneId zone = clinic.zone();
        return appointments.atClinic(clinicId, date.atStartOfDay(zone).toInstant(),
                date.plusDays(1).atStartOfDay(zone).toInstant()).stream().sorted(BY_START).toList();
    }

    /** The patient's appointments at every clinic (every status) starting in [from, to), by start. */
    public List<Appointment> ofPatient(String patientId, Instant from, Instant to) {
        return appointments.ofPatient(patientId, from, to).stream().sorted(BY_START).toList();
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

    /**
     * Clears the free text of these appointments of an erased patient, archived ones too (idempotent); returns how
     * many were changed.
     */
    public int erasePersonalData(Collection<String> appointmentIds) {
        return appointmentIds.isEmpty() ? 0 : appointments.erasePersonalData(appointmentIds);
    }

    /**
     * Notes every stored appointment (archived ones too) that holds a cancellation reason on its patient's registry
     * document, and clears the reasons of patients erased already: for reasons stored before cancellations noted
     * them (a one-off backfill; idempotent). Reads every such appointment once; not a hot path. Returns how many
     * were noted.
     */
    public int noteStoredFreeText() {
        int[] noted = {0};
        appointments.eachWithFreeText((appointmentId, patientId) -> {
            if (patients.noteFreeText(patientId, appointmentId)) {
                erasePersonalData(List.of(appointmentId));
            }
            noted[0]++;
        });
        return noted[0];
    }

    /**
     * Moves up to {@code limit} finished appointments that ended before the instant to the archive (retention);
     * returns how many. The free text of an archived appointment whose patient was erased meanwhile is cleared there
     * (the erasure may have cleared the appointment just before it was moved).
     */
    public int archiveFinished(Instant endedBefore, int limit) {
        List<Appointment> archived = appointments.archiveFinished(endedBefore, limit);
        List<String> erased = archived.stream().filter(it -> it.cancellationReason() != null)
                .filter(it -> patients.isErased(it.patientId())).map(Appointment::id).toList();
        erasePersonalData(erased);
        return archived.size();
    }

    private Appointment change(Appointment appointment, Consumer<Appointment> change) {
        change.accept(appointment);
        appointments.update(appointment);
        return appointment;
    }

    private Duration lateWindow(Appointment appointment) {
        return catalog.service(appointment.clinicId(), appointment.serviceId())
                .map(ClinicService::lateCancellationWindow)
                .orElse(ClinicService.DEFAULT_LATE_CANCELLATION_WINDOW);
    }

    private static String describe(Duration duration) {
        return duration.toMinutes() % 60 == 0 ? duration.toHours() + " h" : duration.toMinutes() + " min";
    }

    private static String describe(Unavailability reason) {
        return switch (reason) {
            case CLINIC_CLOSED -> "the clinic is closed that day";
            case ON_LEAVE -> "the practitioner is on leave";
            case IN_BREAK -> "that is during the practitioner's break";
            case OUTSIDE_HOURS -> "that is outside the practitioner's hours there";
        };
    }
}
