package com.clinicbackbone.booking.waitlist;

import com.clinicbackbone.booking.appointment.Appointment;
import com.clinicbackbone.booking.appointment.AppointmentService;
import com.clinicbackbone.booking.appointment.AppointmentService.Hold;
import com.clinicbackbone.booking.appointment.BookAppointment;
import com.clinicbackbone.booking.appointment.BookingRule;
import com.clinicbackbone.booking.appointment.BookingRuleException;
import com.clinicbackbone.booking.appointment.CalendarBuckets;
import com.clinicbackbone.booking.appointment.InvalidAppointmentException;
import com.clinicbackbone.booking.appointment.Party;
import com.clinicbackbone.booking.appointment.SlotUnavailableException;
import com.clinicbackbone.booking.appointment.UnknownReferenceException;
import com.clinicbackbone.booking.availability.FreeStarts;
import com.clinicbackbone.booking.clinic.Catalog;
import com.clinicbackbone.booking.clinic.Clinic;
import com.clinicbackbone.booking.clinic.ClinicService;
import com.clinicbackbone.booking.clinic.Practitioner;
import com.clinicbackbone.booking.patient.PatientEligibility;
import com.clinicbackbone.booking.patient.PatientNotBookableException;
import com.clinicbackbone.booking.waitlist.OfferExpiries.Due;
import com.clinicbackbone.booking.waitlist.WaitlistEntry.Release;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The waitlist: patients wait for freed time of a service; time freed by a cancellation, a no-show or a move away is
 * offered to the matching entries oldest first, one entry per freed start at a time.
 * <ul>
 * <li>An offer holds the time ({@link AppointmentService#hold}: the calendar claims every booking respects, so no one
 * else can book it meanwhile, on any instance) for the clinic's offer window, cut short so that it ends before the
 * service's minimum notice; the entry becomes OFFERED and {@code clinic.waitlist.offered.v1} goes out for
 * notification-service to tell the patient. The expiry is filed by key before the time is held, so whichever
 * instance sweeps finds it, even if the one that made the offer stopped.</li>
 * <li>A yes books the held time through the booking rules ({@link AppointmentService#bookHeld}, under the offer's
 * id: the hold turns into the appointment); the entry becomes BOOKED. A no, an offer that reached the patient on no
 * channel, a booking the rules refuse, or the expiry release the hold and offer the time to the next entry; the entry
 * waits again for other times (that start passed).</li>
 * <li>Every change of an entry is a compare-and-set on its revision: of an answer and the expiry (on any instances)
 * exactly one closes the offer.</li>
 * </ul>
 */
public class WaitlistService {

    private static final Logger log = LoggerFactory.getLogger(WaitlistService.class);
    /** Entries an offer of one freed time is tried for before giving up (each a hold attempt). */
    static final int MAX_TRIES = 5;
    /** Offers one span of time the schedule added is split into at most (one entry each, oldest first). */
    static final int MAX_SPAN_OFFERS = 10;
    /** How far ahead time the schedule added is offered. */
    static final Duration MAX_SPAN = Duration.ofDays(92);
    /** How long after its expiry an accepted offer whose booking did not finish is left to the instance booking it. */
    static final Duration ACCEPT_GRACE = Duration.ofMinutes(1);
    private static final int ATTEMPTS = 3;

    private final Catalog catalog;
    private final AppointmentService appointments;
    private final PatientEligibility patients;
    private final Waitlist waitlist;
    private final OfferExpiries expiries;
    private final OfferWindows windows;
    private final WaitlistListener listener;
    private final FreeStarts freeStarts;
    private final Clock clock;

    public WaitlistService(Catalog catalog, AppointmentService appointments, PatientEligibility patients,
                           Waitlist waitlist, OfferExpiries expiries, OfferWindows windows,
                           WaitlistListener listener, Clock clock) {
        this(catalog, appointments, patients, waitlist, expiries, windows, listener, null, clock);
    }

    /** @param freeStarts where the free starts inside time the schedule added are (null: such time is not offered) */
    public WaitlistService(Catalog catalog, AppointmentService appointments, PatientEligibility patients,
                           Waitlist waitlist, OfferExpiries expiries, OfferWindows windows,
                           WaitlistListener listener, FreeStarts freeStarts, Clock clock) {
        this.freeStarts = freeStarts;
        this.catalog = catalog;
        this.appointments = appointments;
        this.patients = patients;
        this.waitlist = waitlist;
        this.expiries = expiries;
        this.windows = windows;
        this.listener = listener;
        this.clock = clock;
    }

    // --- the entries

    /**
     * Puts the patient on the waitlist under the id (WAITING), after the rules of a booking that apply before any
     * time is known: the clinic, the service, the practitioner (if named) works there and provides it, a patient asks
     * only for an online-bookable service, and the patient is registered and linked to the clinic. The prerequisite
     * is checked when time is offered. A retry under the same id returns the entry stored.
     */
    public WaitlistEntry add(String id, AddToWaitlist request) {
        Instant now = clock.instant();
        Clinic clinic = catalog.clinic(request.clinicId()).orElseThrow(
                () -> new UnknownReferenceException("clinicId", "No clinic " + request.clinicId()));
        ClinicService service = catalog.service(request.clinicId(), request.serviceId()).orElseThrow(
                () -> new UnknownReferenceException("serviceId",
                        "Clinic " + request.clinicId() + " offers no service " + request.serviceId()));
        if (request.practitionerId() != null) {
            Practitioner practitioner = catalog.practitioner(request.practitionerId())
                    .filter(it -> it.worksAt(clinic.id())).orElseThrow(() -> new UnknownReferenceException(
                            "practitionerId", "No practitioner " + request.practitionerId() + " works at clinic "
                            + clinic.id()));
            if (!service.isProvidedBy(practitioner.id())) {
                throw new BookingRuleException(BookingRule.NOT_PROVIDED, "practitionerId",
                        practitioner.id() + " does not provide " + service.id() + " at " + clinic.id());
            }
        }
        if (request.by() == Party.PATIENT && !service.onlineBookable()) {
            throw new BookingRuleException(BookingRule.NOT_ONLINE_BOOKABLE, "serviceId", service.name()
                    + " cannot be booked online: please call the clinic");
        }
        LocalDate today = now.atZone(clinic.zone()).toLocalDate();
        if (request.to().isBefore(request.from())) {
            throw new InvalidWaitlistEntryException("to", "must not be before from");
        }
        if (request.to().isBefore(today)) {
            throw new InvalidWaitlistEntryException("to", "must not be in the past (clinic-local date)");
        }
        LocalDate horizon = now.plus(service.bookingHorizon()).atZone(clinic.zone()).toLocalDate();
        if (request.from().isAfter(horizon)) {
            throw new InvalidWaitlistEntryException("from", service.id() + " can be booked at most "
                    + service.bookingHorizon().toDays() + " days ahead");
        }
        patients.requireBookable(request.patientId(), clinic.id());
        WaitlistEntry entry = WaitlistEntry.create(id, request, now);
        if (!waitlist.add(entry)) {
            return get(id);
        }
        log.info("Waitlist entry {} of patient {} for {} at {}", id, request.patientId(), service.id(), clinic.id());
        return entry;
    }

    /** The entry an interrupted attempt stored under the id, if it did. */
    public Optional<WaitlistEntry> find(String id) {
        return waitlist.find(id);
    }

    public WaitlistEntry get(String id) {
        return waitlist.find(id).orElseThrow(() -> new WaitlistEntryNotFoundException(id));
    }

    /** The entries still on the waitlist of the service at the clinic, in order of entry. */
    public List<WaitlistEntry> waiting(String clinicId, String serviceId) {
        catalog.clinic(clinicId).orElseThrow(() -> new UnknownReferenceException("clinicId", "No clinic " + clinicId));
        List<String> ids = waitlist.queued(clinicId, List.of(serviceId));
        return waitlist.findAll(ids).stream().filter(it -> it.status().isActive()).sorted(IN_ORDER_OF_ENTRY)
                .toList();
    }

    private static final Comparator<WaitlistEntry> IN_ORDER_OF_ENTRY =
            Comparator.comparing(WaitlistEntry::createdAt).thenComparing(WaitlistEntry::id);

    /**
     * Takes the entry off the waitlist (WITHDRAWN; again: as it is). An open offer closes with it: its time is released
     * and offered to the next entry. A booked entry, or one whose yes is being booked, cannot be withdrawn (409).
     */
    public WaitlistEntry withdraw(String id) {
        for (int attempt = 1; ; attempt++) {
            WaitlistEntry entry = get(id);
            if (entry.status() == WaitlistStatus.WITHDRAWN) {
                return entry;
            }
            Offer open = entry.offer();
            entry.withdraw(false, clock.instant());
            try {
                waitlist.update(entry);
            } catch (WaitlistStateException changed) {
                if (attempt == ATTEMPTS) {
                    throw changed;
                }
                continue;
            }
            closed(entry, open, "withdrawn");
            return entry;
        }
    }

    // --- freed time

    /**
     * Offers freed time to the waitlist: the first start on the grid of each candidate's service from the freed
     * start (not in the past; for time the schedule added, the first free start inside it, and then the next entries
     * other free starts, up to {@value #MAX_SPAN_OFFERS}), to the oldest WAITING entry of the clinic for a service the practitioner provides that
     * wants it (practitioner, dates, weekdays, times; that start not passed) and whose offer window is long enough;
     * held for that entry (the booking rules are checked then: a refused entry is skipped, an erased patient's
     * dropped, a merged one's moved). At most {@value #MAX_TRIES} holds are tried. Returns the entry offered to.
     */
    public Optional<WaitlistEntry> offer(FreedTime freed) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Instant from = freed.start().isBefore(now) ? now : freed.start();
        Instant to = freed.span() && freed.end().isAfter(now.plus(MAX_SPAN)) ? now.plus(MAX_SPAN) : freed.end();
        if (!from.isBefore(to)) {
            return Optional.empty();
        }
        Optional<Clinic> clinic = catalog.clinic(freed.clinicId());
        Optional<Practitioner> practitioner = catalog.practitioner(freed.practitionerId())
                .filter(it -> it.worksAt(freed.clinicId()));
        if (clinic.isEmpty() || practitioner.isEmpty()) {
            return Optional.empty();
        }
        Map<String, ClinicService> services = catalog.services(freed.clinicId()).stream()
                .filter(it -> it.isProvidedBy(freed.practitionerId()))
                .collect(Collectors.toMap(ClinicService::id, Function.identity(), (a, b) -> a, LinkedHashMap::new));
        List<String> queued = waitlist.queued(freed.clinicId(), services.keySet());
        if (queued.isEmpty()) {
            return Optional.empty();
        }
        List<WaitlistEntry> entries = waitlist.findAll(queued);
        dequeueGone(freed.clinicId(), queued, entries);
        ZoneId zone = clinic.get().zone();
        Set<String> taken = new HashSet<>();
        Map<String, List<Instant>> freeStartsOf = new HashMap<>();
        Optional<WaitlistEntry> first = Optional.empty();
        int tries = 0;
        int offers = 0;
        for (WaitlistEntry entry : entries.stream().filter(it -> it.status() == WaitlistStatus.WAITING)
                .sorted(IN_ORDER_OF_ENTRY).toList()) {
            ClinicService service = services.get(entry.serviceId());
            if (freed.span() && entry.hasPassed(freed.practitionerId(), freed.start())) {
                continue; // passed an offer of this span already
            }
            Instant start = freed.span()
                    ? freeStartsOf.computeIfAbsent(service.id(), id -> freeStarts == null ? List.of()
                            : freeStarts.of(freed.clinicId(), id, freed.practitionerId(), from, to)).stream()
                            .filter(it -> !taken.contains(service.durationMinutes() + "|" + it)
                                    && entry.wants(freed.practitionerId(), it, it.plus(service.duration()), zone)
                                    && window(clinic.get(), service, it, now) != null)
                            .findFirst().orElse(null)
                    : firstStart(service, zone, from, to);
            if (start == null || taken.contains(service.durationMinutes() + "|" + start)
                    || !entry.wants(freed.practitionerId(), start, start.plus(service.duration()), zone)) {
                continue;
            }
            Duration window = window(clinic.get(), service, start, now);
            if (window == null) {
                continue;
            }
            if (++tries > MAX_TRIES + offers) {
                break;
            }
            Optional<WaitlistEntry> offered = tryOffer(entry, service, start, now.plus(window), now, freed, taken);
            if (offered.isPresent()) {
                first = first.or(() -> offered);
                // a visit's time goes to one entry; time the schedule added may hold starts for several
                if (!freed.span() || ++offers == MAX_SPAN_OFFERS) {
                    break;
                }
                taken.add(service.durationMinutes() + "|" + start);
                freeStartsOf.clear(); // the hold took time from the free starts
            }
        }
        return first;
    }

    private Optional<WaitlistEntry> tryOffer(WaitlistEntry entry, ClinicService service, Instant start,
                                             Instant expiresAt, Instant now, FreedTime freed, Set<String> taken) {
        String offerId = UUID.randomUUID().toString();
        Due[] filed = new Due[1];
        Hold hold;
        try {
            hold = appointments.hold(offerId, new BookAppointment(entry.clinicId(), service.id(),
                    freed.practitionerId(), entry.patientId(), start), planned -> {
                filed[0] = new Due(entry.id(), Offer.of(planned, expiresAt, now, freed), expiresAt);
                expiries.file(filed[0]); // before the time is held: whoever sweeps will release it
            });
        } catch (SlotUnavailableException e) {
            taken.add(service.durationMinutes() + "|" + start);
            forget(filed[0]);
            return Optional.empty();
        } catch (BookingRuleException | UnknownReferenceException | InvalidAppointmentException e) {
            log.info("Waitlist entry {} not offered {}: {}", entry.id(), start, e.getMessage());
            forget(filed[0]);
            return Optional.empty();
        } catch (PatientNotBookableException e) {
            forget(filed[0]);
            patientNotBookable(entry, e);
            return Optional.empty();
        }
        Offer offer = Offer.of(hold, expiresAt, now, freed);
        try {
            entry.offer(offer, service.id(), entry.patientId());
            waitlist.update(entry);
        } catch (WaitlistStateException changed) { // withdrawn, or offered other time meanwhile
            appointments.releaseHold(hold);
            forget(filed[0]);
            return Optional.empty();
        }
        listener.offered(entry.clinicId());
        log.info("Waitlist entry {} offered {} until {} (offer {})", entry.id(), start, expiresAt, offerId);
        return Optional.of(entry);
    }

    private void forget(Due due) {
        if (due != null) {
            expiries.done(due);
        }
    }

    /** The first start on the service's clinic-local grid (and the calendar's) in [from, before), or null. */
    static Instant firstStart(ClinicService service, ZoneId zone, Instant from, Instant before) {
        Instant start = CalendarBuckets.floor(from);
        if (start.isBefore(from)) {
            start = start.plus(CalendarBuckets.SIZE);
        }
        for (; start.isBefore(before); start = start.plus(CalendarBuckets.SIZE)) {
            if (service.isOnGrid(start, zone)) {
                return start;
            }
        }
        return null;
    }

    /**
     * The clinic's offer window, cut short to end at the service's minimum notice before the start; null when that
     * leaves less than the shortest window allowed.
     */
    Duration window(Clinic clinic, ClinicService service, Instant start, Instant now) {
        Duration configured = windows.of(clinic.id());
        Duration untilNotice = Duration.between(now, start.minus(service.minimumNotice()));
        Duration window = untilNotice.compareTo(configured) < 0 ? untilNotice : configured;
        Duration shortest = windows.shortest().compareTo(configured) < 0 ? windows.shortest() : configured;
        return window.compareTo(shortest) < 0 ? null : window;
    }

    private void dequeueGone(String clinicId, List<String> queued, List<WaitlistEntry> entries) {
        Map<String, WaitlistEntry> byId = entries.stream().collect(Collectors.toMap(WaitlistEntry::id, it -> it));
        Map<String, List<String>> gone = new LinkedHashMap<>();
        for (WaitlistEntry entry : entries) {
            if (!entry.status().isActive()) {
                gone.computeIfAbsent(entry.serviceId(), it -> new ArrayList<>()).add(entry.id());
            }
        }
        gone.forEach((serviceId, ids) -> waitlist.dequeue(clinicId, serviceId, ids));
        if (queued.size() > byId.size()) { // queued by an attempt that stored no entry (yet): left for now
            log.debug("{} queued waitlist ids of clinic {} have no entry", queued.size() - byId.size(), clinicId);
        }
    }

    // --- answers

    /** What an answer to an offer did. */
    public enum AnswerOutcome {
        BOOKED, RELEASED, NOT_BOOKABLE, IGNORED
    }

    /**
     * The patient answered the offer (by SMS): yes books the held time through the booking rules (BOOKED; refused:
     * released as NOT_BOOKABLE); no releases it for the next entry. An answer to an offer that is no longer open
     * (expired, answered, another patient's) changes nothing.
     */
    public AnswerOutcome answer(String entryId, String offerId, String patientId, boolean yes) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Optional<WaitlistEntry> found = waitlist.find(entryId);
            Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            if (found.isEmpty() || !found.get().patientId().equals(patientId) || !found.get().isOpen(offerId, now)) {
                return AnswerOutcome.IGNORED;
            }
            WaitlistEntry entry = found.get();
            try {
                return yes ? accept(entry, now) : release(entry, Release.DECLINED) ? AnswerOutcome.RELEASED
                        : AnswerOutcome.IGNORED;
            } catch (WaitlistStateException changedMeanwhile) {
                log.debug("Waitlist entry {} changed while its answer was applied; looking again", entryId);
            }
        }
        return AnswerOutcome.IGNORED;
    }

    /** The offer reached the patient on no channel: released for the next entry (if still open). */
    public AnswerOutcome undeliverable(String entryId, String offerId) {
        Optional<WaitlistEntry> found = waitlist.find(entryId);
        if (found.isEmpty() || !found.get().isOpen(offerId, clock.instant())) {
            return AnswerOutcome.IGNORED;
        }
        return release(found.get(), Release.UNDELIVERABLE) ? AnswerOutcome.RELEASED : AnswerOutcome.IGNORED;
    }

    private AnswerOutcome accept(WaitlistEntry entry, Instant now) {
        Offer offer = entry.offer();
        entry.accepting(offer.id(), now);
        waitlist.update(entry); // of the yes and the expiry, exactly one gets here
        return book(entry, offer);
    }

    /** Books the ACCEPTING entry's held time; refused by the rules: released (NOT_BOOKABLE) for the next entry. */
    private AnswerOutcome book(WaitlistEntry entry, Offer offer) {
        Appointment booked;
        try {
            booked = appointments.bookHeld(offer.hold(entry));
        } catch (SlotUnavailableException | BookingRuleException | UnknownReferenceException
                 | InvalidAppointmentException | PatientNotBookableException e) {
            log.info("Waitlist entry {}: offer {} taken but not bookable: {}", entry.id(), offer.id(), e.getMessage());
            release(entry, Release.NOT_BOOKABLE);
            return AnswerOutcome.NOT_BOOKABLE;
        }
        markBooked(entry, offer, booked.id());
        return AnswerOutcome.BOOKED;
    }

    private void markBooked(WaitlistEntry entry, Offer offer, String appointmentId) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        entry.booked(appointmentId, now);
        waitlist.update(entry);
        listener.filled(entry.clinicId(), Duration.between(offer.freed().freedAt(), now));
        log.info("Waitlist entry {} booked as appointment {}", entry.id(), appointmentId);
    }

    /**
     * Closes the entry's open offer without a booking (a compare-and-set: false when it changed meanwhile), then
     * releases the held time and offers it to the next entry.
     */
    private boolean release(WaitlistEntry entry, Release why) {
        Offer offer = entry.offer();
        entry.release(offer.id(), why, clock.instant().truncatedTo(ChronoUnit.MILLIS));
        waitlist.update(entry);
        closed(entry, offer, why.name().toLowerCase(java.util.Locale.ROOT));
        return true;
    }

    /** An offer closed without a booking: its time is released and offered to the next entry. */
    private void closed(WaitlistEntry entry, Offer offer, String outcome) {
        if (offer == null) {
            return;
        }
        appointments.releaseHold(offer.hold(entry));
        listener.closed(entry.clinicId(), outcome);
        offer(offer.freed());
    }

    // --- expiry

    /**
     * Handles the offers whose expiry is due (whichever instance made them): an open offer expires (its time goes to
     * the next entry); one whose yes is still being booked a minute after its expiry is finished from what is stored
     * (booked if the appointment was stored, otherwise its id is fenced and the time released); an offer closed
     * already, or never stored (its instance stopped half-way), has its hold released (idempotent) and its freed time
     * offered again. Returns how many were handled.
     */
    public int expireDue() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        int handled = 0;
        for (Due due : expiries.due(now)) {
            try {
                if (expire(due, now)) {
                    expiries.done(due);
                    handled++;
                }
            } catch (RuntimeException e) {
                log.warn("Expiry of offer {} not handled yet: {}", due.offer().id(), e.toString());
            }
        }
        return handled;
    }

    private boolean expire(Due due, Instant now) {
        Offer offer = due.offer();
        Optional<WaitlistEntry> found = waitlist.find(due.entryId());
        if (found.isPresent() && found.get().offer() != null && found.get().offer().id().equals(offer.id())) {
            WaitlistEntry entry = found.get();
            if (entry.status() == WaitlistStatus.OFFERED) {
                try {
                    return release(entry, Release.EXPIRED);
                } catch (WaitlistStateException changed) {
                    return false; // answered meanwhile: looked at again at the next sweep
                }
            }
            Instant giveUpAt = entry.offer().expiresAt().plus(ACCEPT_GRACE);
            if (now.isBefore(giveUpAt)) {
                expiries.file(new Due(entry.id(), offer, giveUpAt));
                return true;
            }
            Hold hold = offer.hold(entry);
            Optional<Appointment> stored = appointments.resumeBooking(offer.id(), hold.request());
            if (stored.isPresent()) {
                appointments.releaseHold(hold);
                markBooked(entry, offer, stored.get().id());
            } else {
                release(entry, Release.NOT_BOOKABLE);
            }
            return true;
        }
        appointments.releaseHold(new Hold(offer.id(), null, offer.start(), offer.end(), offer.calendarStart(),
                offer.calendarEnd(), offer.resourceId(), offer.owners()));
        offer(offer.freed());
        return true;
    }

    // --- patients

    /** The patient was erased: their entries leave the waitlist (REMOVED); open offers close and move on. */
    public int patientErased(String patientId) {
        int removed = 0;
        for (WaitlistEntry entry : waitlist.findAll(waitlist.ofPatient(patientId))) {
            if (remove(entry)) {
                removed++;
            }
        }
        return removed;
    }

    private boolean remove(WaitlistEntry entry) {
        if (entry.status() != WaitlistStatus.WAITING && entry.status() != WaitlistStatus.OFFERED) {
            return false;
        }
        Offer open = entry.offer();
        entry.withdraw(true, clock.instant().truncatedTo(ChronoUnit.MILLIS));
        try {
            waitlist.update(entry);
        } catch (WaitlistStateException changed) {
            return waitlist.find(entry.id()).map(this::remove).orElse(false);
        }
        closed(entry, open, "withdrawn");
        return true;
    }

    /** The patient was merged into another: their entries wait on for the survivor. */
    public int patientMerged(String mergedPatientId, String survivingPatientId) {
        List<String> ids = waitlist.ofPatient(mergedPatientId);
        int moved = 0;
        for (WaitlistEntry entry : waitlist.findAll(ids)) {
            if (entry.patientId().equals(survivingPatientId)) {
                continue;
            }
            for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
                entry.movedTo(survivingPatientId);
                try {
                    waitlist.update(entry);
                    moved++;
                    break;
                } catch (WaitlistStateException changed) {
                    entry = get(entry.id());
                }
            }
        }
        if (!ids.isEmpty()) {
            waitlist.movePatient(mergedPatientId, survivingPatientId, ids);
        }
        return moved;
    }

    private void patientNotBookable(WaitlistEntry entry, PatientNotBookableException e) {
        switch (e.reason()) {
            case ERASED -> remove(entry);
            case MERGED -> patientMerged(entry.patientId(), e.survivingPatientId());
            default -> log.info("Waitlist entry {} not offered: {}", entry.id(), e.getMessage());
        }
    }
}
