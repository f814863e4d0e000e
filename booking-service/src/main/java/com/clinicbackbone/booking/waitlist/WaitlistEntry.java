package com.clinicbackbone.booking.waitlist;

import com.clinicbackbone.events.WaitlistEntryWithdrawn;
import com.clinicbackbone.events.WaitlistOfferAccepted;
import com.clinicbackbone.events.WaitlistOfferDeclined;
import com.clinicbackbone.events.WaitlistOfferExpired;
import com.clinicbackbone.events.WaitlistOfferMade;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A patient waiting for freed time of a service at a clinic. Guards its lifecycle: WAITING → OFFERED (time held until
 * the offer expires) → ACCEPTING → BOOKED; an offer declined, undeliverable, not bookable or expired returns it to
 * WAITING (that start is remembered as passed, so it is not offered again); WITHDRAWN or REMOVED (patient erased)
 * from WAITING or OFFERED. One offer at a time. Every change grows the revision by one (the store's compare-and-set)
 * and registers the event it publishes, if any.
 */
public final class WaitlistEntry {

    /** How many passed starts an entry remembers (older and past ones are dropped). */
    static final int MAX_PASSED = 50;

    private final String id;
    private final String clinicId;
    private final String serviceId;
    private final String practitionerId;
    private String patientId;
    private final LocalDate from;
    private final LocalDate to;
    private final List<TimeWindow> times;
    private final Set<DayOfWeek> weekdays;
    private final Instant createdAt;
    private WaitlistStatus status;
    private Offer offer;
    private String lastOfferId;
    private String appointmentId;
    private final List<String> passed;
    private Instant closedAt;
    private long revision;
    private long loadedRevision;
    private final List<Object> events = new ArrayList<>();

    private WaitlistEntry(String id, String clinicId, String serviceId, String practitionerId, String patientId,
                          LocalDate from, LocalDate to, List<TimeWindow> times, Set<DayOfWeek> weekdays,
                          Instant createdAt, WaitlistStatus status, Offer offer, String lastOfferId,
                          String appointmentId, List<String> passed, Instant closedAt, long revision) {
        this.id = id;
        this.clinicId = clinicId;
        this.serviceId = serviceId;
        this.practitionerId = practitionerId;
        this.patientId = patientId;
        this.from = from;
        this.to = to;
        this.times = List.copyOf(times);
        this.weekdays = Set.copyOf(weekdays);
        this.createdAt = createdAt;
        this.status = status;
        this.offer = offer;
        this.lastOfferId = lastOfferId;
        this.appointmentId = appointmentId;
        this.passed = new ArrayList<>(passed);
        this.closedAt = closedAt;
        this.revision = revision;
        this.loadedRevision = revision;
    }

    /** A new entry, WAITING, at revision 1. */
    static WaitlistEntry create(String id, AddToWaitlist request, Instant now) {
        return new WaitlistEntry(id, request.clinicId(), request.serviceId(), request.practitionerId(),
                request.patientId(), request.from(), request.to(), request.times(), request.weekdays(),
                now.truncatedTo(ChronoUnit.MILLIS), WaitlistStatus.WAITING, null, null, null, List.of(), null, 1)
                .unstored();
    }

    private WaitlistEntry unstored() {
        loadedRevision = 0;
        return this;
    }

    /** An entry as it was stored. */
    public static WaitlistEntry restore(String id, String clinicId, String serviceId, String practitionerId,
                                        String patientId, LocalDate from, LocalDate to, List<TimeWindow> times,
                                        Set<DayOfWeek> weekdays, Instant createdAt, WaitlistStatus status,
                                        Offer offer, String lastOfferId, String appointmentId, List<String> passed,
                                        Instant closedAt, long revision) {
        return new WaitlistEntry(id, clinicId, serviceId, practitionerId, patientId, from, to,
                times == null ? List.of() : times, weekdays == null ? Set.of() : weekdays, createdAt, status, offer,
                lastOfferId, appointmentId, passed == null ? List.of() : passed, closedAt, revision);
    }

    /**
     * Whether a visit of this entry's service at {@code start} to {@code end} fits what the patient asked for: the
     * practitioner (if one was named), the clinic-local dates, weekdays and time windows; and the entry has not
     * passed that start of that practitioner before.
     */
    boolean wants(String practitionerId, Instant start, Instant end, ZoneId zone) {
        if (this.practitionerId != null && !this.practitionerId.equals(practitionerId)) {
            return false;
        }
        ZonedDateTime localStart = start.atZone(zone);
        ZonedDateTime localEnd = end.atZone(zone);
        LocalDate date = localStart.toLocalDate();
        if (date.isBefore(from) || date.isAfter(to) || !localEnd.toLocalDate().equals(date)) {
            return false;
        }
        if (!weekdays.isEmpty() && !weekdays.contains(date.getDayOfWeek())) {
            return false;
        }
        if (!times.isEmpty() && times.stream().noneMatch(window -> window.contains(localStart.toLocalTime(),
                localEnd.toLocalTime()))) {
            return false;
        }
        return !passed.contains(passedKey(practitionerId, start));
    }

    /** Whether the entry passed an offer of this practitioner's time starting then. */
    boolean hasPassed(String practitionerId, Instant start) {
        return passed.contains(passedKey(practitionerId, start));
    }

    /** The held time is offered to the patient: OFFERED until the offer expires. */
    void offer(Offer offered, String serviceId, String patientId) {
        requireStatus("offered time", WaitlistStatus.WAITING);
        status = WaitlistStatus.OFFERED;
        offer = offered;
        lastOfferId = offered.id();
        change();
        events.add(new WaitlistOfferMade(id, offered.id(), clinicId, serviceId, offered.practitionerId(), patientId,
                offered.start(), offered.end(), offered.expiresAt(), offered.offeredAt()));
    }

    /** Whether this offer is open (OFFERED, not expired at {@code now}). */
    boolean isOpen(String offerId, Instant now) {
        return status == WaitlistStatus.OFFERED && offer.id().equals(offerId) && now.isBefore(offer.expiresAt());
    }

    /** The patient said yes to the open offer: the booking is being made. */
    void accepting(String offerId, Instant now) {
        if (!isOpen(offerId, now)) {
            throw new WaitlistStateException("Offer " + offerId + " of waitlist entry " + id + " is not open");
        }
        status = WaitlistStatus.ACCEPTING;
        change();
    }

    /** The offer's time is booked as the appointment: BOOKED, off the waitlist. */
    void booked(String appointment, Instant now) {
        requireStatus("booked", WaitlistStatus.ACCEPTING);
        String offerId = offer.id();
        status = WaitlistStatus.BOOKED;
        appointmentId = appointment;
        offer = null;
        closedAt = now;
        change();
        events.add(new WaitlistOfferAccepted(id, offerId, clinicId, patientId, appointment, now));
    }

    /** Why an offer closed without a booking. */
    enum Release {
        DECLINED(WaitlistOfferDeclined.PATIENT), UNDELIVERABLE(WaitlistOfferDeclined.UNDELIVERABLE),
        NOT_BOOKABLE(WaitlistOfferDeclined.NOT_BOOKABLE), EXPIRED(null);

        final String code;

        Release(String code) {
            this.code = code;
        }
    }

    /**
     * The offer closed without a booking: WAITING again, that start remembered as passed. Only the offer named
     * closes (a late answer to an older offer changes nothing: {@link WaitlistStateException}).
     */
    void release(String offerId, Release why, Instant now) {
        if (offer == null || !offer.id().equals(offerId)
                || !(status == WaitlistStatus.OFFERED || status == WaitlistStatus.ACCEPTING)) {
            throw new WaitlistStateException("Offer " + offerId + " of waitlist entry " + id + " is not open");
        }
        passed.removeIf(key -> Instant.parse(key.substring(key.indexOf('|') + 1)).isBefore(now));
        passed.add(passedKey(offer.practitionerId(), offer.start()));
        if (offer.freed().span()) { // time the schedule added: not offered to this entry again (its other starts)
            passed.add(passedKey(offer.freed().practitionerId(), offer.freed().start()));
        }
        while (passed.size() > MAX_PASSED) {
            passed.remove(0);
        }
        status = WaitlistStatus.WAITING;
        offer = null;
        change();
        events.add(why == Release.EXPIRED ? new WaitlistOfferExpired(id, offerId, clinicId, patientId, now)
                : new WaitlistOfferDeclined(id, offerId, clinicId, patientId, why.code, now));
    }

    /** Off the waitlist without a booking (withdrawn, or its patient erased); an open offer closes with it. */
    void withdraw(boolean patientErased, Instant now) {
        requireStatus("withdrawn", WaitlistStatus.WAITING, WaitlistStatus.OFFERED);
        String offerId = offer == null ? null : offer.id();
        status = patientErased ? WaitlistStatus.REMOVED : WaitlistStatus.WITHDRAWN;
        offer = null;
        closedAt = now;
        change();
        events.add(new WaitlistEntryWithdrawn(id, offerId, clinicId, patientId, patientErased
                ? WaitlistEntryWithdrawn.PATIENT_ERASED : WaitlistEntryWithdrawn.WITHDRAWN, now));
    }

    /** The patient was merged into another identity: the entry waits on for the survivor (no event). */
    void movedTo(String survivingPatientId) {
        patientId = survivingPatientId;
        change();
    }

    private void requireStatus(String change, WaitlistStatus... allowed) {
        if (!Set.of(allowed).contains(status)) {
            throw new WaitlistStateException("Waitlist entry " + id + " is " + status + ": it cannot be " + change);
        }
    }

    private void change() {
        revision++;
    }

    static String passedKey(String practitionerId, Instant start) {
        return practitionerId + "|" + start;
    }

    /** The events registered since the entry was loaded or created, oldest first. */
    public List<Object> events() {
        return List.copyOf(events);
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

    /** The practitioner asked for, or null for any. */
    public String practitionerId() {
        return practitionerId;
    }

    public String patientId() {
        return patientId;
    }

    public LocalDate from() {
        return from;
    }

    public LocalDate to() {
        return to;
    }

    public List<TimeWindow> times() {
        return times;
    }

    public Set<DayOfWeek> weekdays() {
        return weekdays;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public WaitlistStatus status() {
        return status;
    }

    /** The open offer (OFFERED, ACCEPTING), else null. */
    public Offer offer() {
        return offer;
    }

    /** The id of the latest offer made to this entry, or null. */
    public String lastOfferId() {
        return lastOfferId;
    }

    /** The appointment booked from an offer (BOOKED), else null. */
    public String appointmentId() {
        return appointmentId;
    }

    /** The starts passed ({@code <practitionerId>|<start>}), oldest first. */
    public List<String> passed() {
        return List.copyOf(passed);
    }

    /** When it left the waitlist (BOOKED, WITHDRAWN, REMOVED), else null. */
    public Instant closedAt() {
        return closedAt;
    }

    public long revision() {
        return revision;
    }

    /** The revision it was loaded, created or last stored at: what the store's compare-and-set expects to find. */
    public long loadedRevision() {
        return loadedRevision;
    }

    /** The store wrote it: its events are on their way, the next write expects this revision. */
    public void stored() {
        loadedRevision = revision;
        events.clear();
    }
}
