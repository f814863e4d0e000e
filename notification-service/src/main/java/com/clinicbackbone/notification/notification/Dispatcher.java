package com.clinicbackbone.notification.notification;

import com.clinicbackbone.notification.appointment.Appointment;
import com.clinicbackbone.notification.appointment.Appointments;
import com.clinicbackbone.notification.clinic.Clinic;
import com.clinicbackbone.notification.clinic.Clinics;
import com.clinicbackbone.notification.contact.Channel;
import com.clinicbackbone.notification.contact.Contact;
import com.clinicbackbone.notification.contact.Contacts;
import com.clinicbackbone.notification.delivery.Deliveries;
import com.clinicbackbone.notification.delivery.Delivery;
import com.clinicbackbone.notification.patient.PatientRegistry;
import com.clinicbackbone.notification.policy.ReminderPolicies;
import com.clinicbackbone.notification.policy.ReminderPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends due notifications. Each one is claimed with a lease first, so with several instances running none is
 * sent twice; what is still true is checked at send time (for a reminder: the appointment still booked or
 * confirmed at the planned start; for every message: contact known, consent given for the channel and channel
 * wanted; the clinic's quiet hours). Runs on its own threads ({@link Settings#threads()}): it wakes at once on
 * {@link #wake()} (a consumer planned something), at the next due time the store knows of
 * ({@link Notifications#nextDue()}), and otherwise every {@link Settings#pollInterval()}, when the store looks for
 * what other instances filed or left behind (by key: see the store). A batch's appointments and contacts are read
 * together; the clinic's policy and the templates come from per-instance caches (their ports).
 *
 * <p>Two mechanisms divide the job (details in {@link com.clinicbackbone.notification.delivery}): the <b>lease</b>
 * of a claim says who works on a notification now, and is taken over when it expires (its holder died); the
 * <b>delivery log</b> ({@link Deliveries}) says it is handed to the provider at most once: nothing is sent
 * unless {@link Deliveries#begin} gave this instance the attempt. A claim that finds the log SENDING under an
 * expired lease does not re-send: it records the notification {@link NotificationStatus#UNKNOWN}.
 */
public final class Dispatcher {

    static final int MAX_ATTEMPTS = 5;
    /** Why a message was skipped: its time fell in the quiet hours and their end is not before the visit. */
    public static final String QUIET_HOURS = "QUIET_HOURS";
    /** Why an SMS was skipped: the patient's number replied STOP (or ARRET ...) and not START since. */
    public static final String OPTED_OUT = "OPTED_OUT";
    static final String DEFERRED_BY_QUIET_HOURS = "deferred to the end of the quiet hours";
    static final Duration LEASE = Duration.ofMinutes(1);
    /**
     * How many due notifications one claim takes (a few round trips per batch, see
     * {@link Notifications#claimDue}), handled one after the other; those not begun when half the lease has
     * passed are released for the next claim, so a batch never outlives its lease.
     */
    static final int CLAIM_BATCH = 32;
    /** Why a notification found SENDING in the delivery log after its lease expired is not sent again. */
    static final String ABANDONED_WHILE_SENDING = "not sent again: the instance handing it to the provider stopped"
            + " before recording the answer; check with the provider";
    static final Duration NO_CONTACT_GIVE_UP = Duration.ofMinutes(10);
    static final Duration NO_CONTACT_MAX_WAIT = Duration.ofMinutes(1);
    static final Duration RETRY_BASE = Duration.ofSeconds(2);

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    private final Notifications notifications;
    private final Deliveries deliveries;
    private final Appointments appointments;
    private final Contacts contacts;
    private final PatientRegistry patients;
    private final Clinics clinics;
    private final ReminderPolicies policies;
    private final Templates templates;
    private final EmailSender email;
    private final SmsSender sms;
    private final Clock clock;
    private final Settings settings;
    private final OfferNotices offers;
    private final Semaphore wakeUp = new Semaphore(0);
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean stopped;

    /**
     * How a dispatcher runs.
     *
     * @param instanceId   names this instance in the delivery log and in its lease tokens
     * @param lease        how long a claim lasts before another instance may take the notification over
     * @param pollInterval how often it asks the store for due work when neither woken nor due (the store then
     *                     reads its due buckets by key: what other instances filed, what a stopped one left)
     * @param threads      how many notifications it sends at once
     */
    public record Settings(String instanceId, Duration lease, Duration pollInterval, int threads) {

        public Settings {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1");
            }
        }

        /** One thread, the default lease and a random instance id. */
        public static Settings of(Duration pollInterval) {
            return new Settings(UUID.randomUUID().toString(), LEASE, pollInterval, 1);
        }
    }

    public Dispatcher(Notifications notifications, Deliveries deliveries, Appointments appointments,
                      Contacts contacts, PatientRegistry patients, Clinics clinics, ReminderPolicies policies,
                      Templates templates, EmailSender email, SmsSender sms, Clock clock, Duration pollInterval) {
        this(notifications, deliveries, appointments, contacts, patients, clinics, policies, templates, email, sms,
                clock, Settings.of(pollInterval));
    }

    public Dispatcher(Notifications notifications, Deliveries deliveries, Appointments appointments,
                      Contacts contacts, PatientRegistry patients, Clinics clinics, ReminderPolicies policies,
                      Templates templates, EmailSender email, SmsSender sms, Clock clock, Settings settings) {
        this(notifications, deliveries, appointments, contacts, patients, clinics, policies, templates, email, sms,
                clock, settings, OfferNotices.NONE);
    }

    /** A dispatcher that also sends the waitlist's offers ({@code offers} tells which are open, and until when). */
    public Dispatcher(Notifications notifications, Deliveries deliveries, Appointments appointments,
                      Contacts contacts, PatientRegistry patients, Clinics clinics, ReminderPolicies policies,
                      Templates templates, EmailSender email, SmsSender sms, Clock clock, Settings settings,
                      OfferNotices offers) {
        this.offers = offers;
        this.deliveries = deliveries;
        this.policies = policies;
        this.templates = templates;
        this.notifications = notifications;
        this.appointments = appointments;
        this.contacts = contacts;
        this.patients = patients;
        this.clinics = clinics;
        this.email = email;
        this.sms = sms;
        this.clock = clock;
        this.settings = settings;
    }

    public String instanceId() {
        return settings.instanceId();
    }

    /** Handles every notification that is due now; returns how many were handled. */
    public int dispatchDue() {
        int handled = 0;
        while (!stopped) {
            Instant claimedAt = clock.instant();
            List<Notifications.Claim> claims = notifications.claimDue(claimedAt, settings.lease(),
                    settings.instanceId(), CLAIM_BATCH);
            if (claims.isEmpty()) {
                break;
            }
            Instant handBack = claimedAt.plus(settings.lease().dividedBy(2));
            Batch batch = batch(claims);
            for (int i = 0; i < claims.size(); i++) {
                if (i > 0 && clock.instant().isAfter(handBack)) {
                    // slow sends: what is left goes back before the lease could expire under this instance
                    notifications.release(claims.subList(i, claims.size()));
                    break;
                }
                Notifications.Claim claim = claims.get(i);
                Notification outcome = handle(claim, batch, clock.instant());
                if (!notifications.complete(claim, outcome)) {
                    log.info("Notification {} changed while it was being handled; outcome {} not stored",
                            outcome.id(), outcome.status());
                } else if (outcome.kind() == NotificationKind.WAITLIST_OFFER
                        && (outcome.status() == NotificationStatus.SKIPPED
                        || outcome.status() == NotificationStatus.FAILED)) {
                    offers.notReached(outcome);
                }
                handled++;
            }
        }
        return handled;
    }

    /**
     * The appointments and contacts of a batch of claims, read together (one round trip each), and the open offers
     * its waitlist offers are about (one more, only when it has some).
     */
    private record Batch(Map<String, Appointment> appointments, Map<String, Contact> contacts,
                         Map<String, Instant> openOffers) {
    }

    private Batch batch(List<Notifications.Claim> claims) {
        Set<String> appointmentIds = new HashSet<>();
        Set<String> patientIds = new HashSet<>();
        List<Notification> offerMessages = new ArrayList<>();
        claims.forEach(claim -> {
            if (claim.notification().kind() == NotificationKind.WAITLIST_OFFER) {
                offerMessages.add(claim.notification());
            } else {
                appointmentIds.add(claim.notification().appointmentId());
            }
            patientIds.add(claim.notification().patientId());
        });
        return new Batch(appointmentIds.isEmpty() ? Map.of() : appointments.findAll(appointmentIds),
                contacts.findAll(patientIds), offerMessages.isEmpty() ? Map.of() : offers.openUntil(offerMessages));
    }

    /**
     * What a claim comes to. Taken over from a holder that stopped, what that holder handed to a provider (the
     * delivery log) is the outcome, whatever happened since (a cancellation, a move): never left SENDING. Else a
     * cancellation requested while the earlier holder had it cancels it; otherwise the notification is attempted.
     */
    private Notification handle(Notifications.Claim claim, Batch batch, Instant now) {
        Notification notification = claim.notification();
        if (claim.takenOver()) {
            Optional<Delivery> earlier = deliveries.find(notification.id());
            if (earlier.isPresent() && earlier.get().status()
                    != com.clinicbackbone.notification.delivery.DeliveryStatus.RETRY) {
                return handledElsewhere(notification, earlier.get(), now);
            }
        }
        if (claim.cancelRequested() != null) {
            return notification.cancelled(claim.cancelRequested());
        }
        if (notification.kind() == NotificationKind.WAITLIST_OFFER) {
            Instant until = batch.openOffers().get(notification.appointmentId());
            if (until == null) {
                return notification.cancelled(OFFER_CLOSED);
            }
            if (!now.isBefore(until)) {
                return notification.skipped(OFFER_EXPIRED);
            }
            return attempt(notification, Optional.empty(),
                    Optional.ofNullable(batch.contacts().get(notification.patientId())), now, until);
        }
        return attempt(notification, Optional.ofNullable(batch.appointments().get(notification.appointmentId())),
                Optional.ofNullable(batch.contacts().get(notification.patientId())), now,
                notification.appointmentStart());
    }

    /** Why a waitlist offer's message is not sent: the offer closed (answered, expired, withdrawn) before it went. */
    static final String OFFER_CLOSED = "offer closed";
    static final String OFFER_EXPIRED = "offer expired";

    /** @param deadline what a message deferred by quiet hours must still go out before (the visit, the offer's expiry) */
    private Notification attempt(Notification notification, Optional<Appointment> appointment,
                                 Optional<Contact> contact, Instant now, Instant deadline) {
        if (notification.kind() == NotificationKind.REMINDER) {
            Optional<Notification> stale = staleReminder(notification, appointment, now);
            if (stale.isPresent()) {
                return stale.get();
            }
        }
        Optional<Notification> quiet = quietHours(notification, now, deadline);
        if (quiet.isPresent()) {
            return quiet.get();
        }
        if (contact.isEmpty()) {
            // planned while the erasure was being applied: it must not wait for a contact that will not come
            return patients.isErased(notification.patientId())
                    ? notification.cancelled(PatientLifecycle.PATIENT_ERASED) : waitForContact(notification, now);
        }
        if (notification.channel() == Channel.SMS && contact.get().smsOptedOut()) {
            return notification.skipped(OPTED_OUT);
        }
        if (!contact.get().consentsTo(notification.channel())) {
            return notification.skipped("no consent to " + notification.channel() + " messages");
        }
        if (!contact.get().wants(notification.channel())) {
            return notification.skipped("patient does not want " + notification.channel() + " messages");
        }
        String address = notification.channel() == Channel.EMAIL ? contact.get().email() : contact.get().phone();
        if (address == null || address.isBlank()) {
            return notification.skipped(notification.channel() == Channel.EMAIL ? "no email address"
                    : "no phone number");
        }
        return send(notification, appointment, contact.get(), address, now);
    }

    /**
     * A reminder goes out only while the appointment is still to come (booked or confirmed) at the start it was
     * planned for, and before that start. The revision may have grown meanwhile (a confirmation keeps reminders).
     */
    private Optional<Notification> staleReminder(Notification reminder, Optional<Appointment> appointment,
                                                Instant now) {
        if (appointment.isEmpty()) {
            return Optional.of(reminder.cancelled("appointment unknown"));
        }
        Optional<String> noReminder = NotificationPlanner.whyNoReminder(appointment.get().status());
        if (noReminder.isPresent()) {
            return Optional.of(reminder.cancelled(noReminder.get()));
        }
        if (!appointment.get().start().equals(reminder.appointmentStart())) {
            return Optional.of(reminder.cancelled(NotificationPlanner.APPOINTMENT_MOVED));
        }
        if (!appointment.get().start().isAfter(now)) {
            return Optional.of(reminder.skipped("appointment already started"));
        }
        return Optional.empty();
    }

    /**
     * Inside the clinic's quiet hours (its local time): deferred to the end of the quiet period when that is still
     * before the deadline (the visit; a waitlist offer's expiry), otherwise skipped ({@link #QUIET_HOURS}).
     */
    private Optional<Notification> quietHours(Notification notification, Instant now, Instant deadline) {
        Clinic clinic = clinics.clinic(notification.clinicId());
        ReminderPolicy.QuietHours quiet = policy(clinic).quietHours();
        ZonedDateTime local = now.atZone(clinic.zone());
        if (!quiet.contains(local.toLocalTime())) {
            return Optional.empty();
        }
        Instant end = quiet.endOfPeriod(local).toInstant();
        // aftercare comes after the visit by nature, and a recall has no visit yet: they always wait for the morning
        return Optional.of(notification.kind() == NotificationKind.AFTERCARE
                || notification.kind() == NotificationKind.RECALL
                || end.isBefore(deadline)
                ? notification.retryAt(end, notification.attempts(), DEFERRED_BY_QUIET_HOURS)
                : notification.skipped(QUIET_HOURS));
    }

    private Notification waitForContact(Notification notification, Instant now) {
        Duration waited = Duration.between(notification.dueAt(), now);
        if (waited.compareTo(NO_CONTACT_GIVE_UP) >= 0) {
            return notification.failed(new Notification.Failure(Notification.Failure.NO_CONTACT, null),
                    "no contact record", notification.attempts());
        }
        Duration wait = waited.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1)
                : waited.compareTo(NO_CONTACT_MAX_WAIT) > 0 ? NO_CONTACT_MAX_WAIT : waited;
        return notification.retryAt(now.plus(wait), notification.attempts(), "waiting for the contact record");
    }

    private Notification send(Notification notification, Optional<Appointment> appointment, Contact contact,
                              String address, Instant now) {
        Clinic configured = clinics.clinic(notification.clinicId());
        ReminderPolicy policy = policy(configured);
        Clinic clinic = configured.withSenderName(policy.senderName());
        MessageTemplate template = template(new TemplateKey(clinic.id(), notification.kind(),
                TemplateKey.languageOf(contact.language()), notification.channel()));
        String aftercare = notification.kind() != NotificationKind.AFTERCARE ? "" : appointment
                .flatMap(visit -> clinics.aftercare(visit.clinicId(), visit.serviceId()))
                .map(text -> text.text(contact.language())).orElse(null);
        if (aftercare == null) {
            return notification.skipped("no aftercare instructions for the service");
        }
        // the delivery log: only the instance that begins the attempt may hand the message to the provider
        Deliveries.Start start = deliveries.begin(notification.id(), notification.channel(), settings.instanceId(),
                now);
        if (!start.go()) {
            return handledElsewhere(notification, start.existing(), now);
        }
        int attempts = start.attempt();
        String providerId;
        try {
            providerId = notification.channel() == Channel.EMAIL
                    ? email.send(MessageTexts.email(address, template, contact, clinic,
                            notification.appointmentStart(), aftercare)
                            .withCalendar(invite(notification, appointment, contact, clinic)))
                    : sms.send(new SmsMessage(address, MessageTexts.sms(template, contact.language(), clinic,
                            notification.appointmentStart())));
        } catch (RuntimeException e) {
            DeliveryException delivery = e instanceof DeliveryException known ? known : null;
            String reason = delivery != null ? e.getMessage() : "sending failed: " + e.getClass().getSimpleName();
            String providerCode = delivery == null ? null : delivery.providerErrorCode();
            log.warn("Sending notification {} failed (attempt {}): {}", notification.id(), attempts, reason);
            if (delivery != null && delivery.outcomeUnknown()) {
                // perhaps sent: the record stays as proof and the notification is not tried again (at most once)
                deliveries.markUnknown(notification.id(), attempts, reason, now);
                return notification.unknown(reason, attempts);
            }
            if (delivery != null && delivery.isPermanent()) {
                String code = delivery.code() != null ? delivery.code() : Notification.Failure.PROVIDER_REJECTED;
                deliveries.failed(notification.id(), attempts, reason, now);
                return notification.failed(new Notification.Failure(code, providerCode), reason, attempts);
            }
            if (attempts >= MAX_ATTEMPTS) {
                deliveries.failed(notification.id(), attempts, reason, now);
                return notification.failed(new Notification.Failure(Notification.Failure.RETRIES_EXHAUSTED,
                        providerCode), reason, attempts);
            }
            // the next attempt is a later claim: the dispatcher thread never waits for a provider's Retry-After
            Duration backoff = RETRY_BASE.multipliedBy(1L << (attempts - 1));
            Duration wait = delivery != null && delivery.retryAfter() != null
                    && delivery.retryAfter().compareTo(backoff) > 0 ? delivery.retryAfter() : backoff;
            deliveries.retry(notification.id(), attempts, reason, now);
            return notification.retryAt(now.plus(wait), attempts, reason);
        }
        // outside the try: should this write fail, the record stays SENDING and is never sent again (UNKNOWN)
        deliveries.sent(notification.id(), attempts, providerId, clock.instant());
        return notification.sent(now, providerId, attempts);
    }

    /**
     * The delivery log already holds this notification: the outcome another instance recorded there becomes the
     * notification's (it stopped before writing it to the notification). A record still SENDING was abandoned
     * (the lease that protected it expired): it is marked UNKNOWN rather than sent again.
     */
    private Notification handledElsewhere(Notification notification, Delivery existing, Instant now) {
        Delivery delivery = existing;
        if (delivery.status() == com.clinicbackbone.notification.delivery.DeliveryStatus.SENDING) {
            log.warn("Notification {} was left SENDING by instance {} (attempt {}): recorded UNKNOWN, not re-sent",
                    notification.id(), delivery.instanceId(), delivery.attempts());
            delivery = deliveries.markUnknown(notification.id(), delivery.attempts(), ABANDONED_WHILE_SENDING, now)
                    .orElse(delivery);
        }
        return switch (delivery.status()) {
            case SENT -> notification.sent(delivery.updatedAt(), delivery.providerMessageId(), delivery.attempts());
            case FAILED -> notification.failed(new Notification.Failure(Notification.Failure.PROVIDER_REJECTED,
                    null), delivery.reason(), delivery.attempts());
            case UNKNOWN, SENDING -> notification.unknown(ABANDONED_WHILE_SENDING, delivery.attempts());
            // a RETRY began by someone else between our insert and our read: look again shortly
            case RETRY -> notification.retryAt(now.plus(RETRY_BASE), delivery.attempts(), delivery.reason());
        };
    }

    /**
     * The calendar event a confirmation, change or cancellation email carries (null for other kinds, or when the
     * appointment is unknown): its length from the appointment, its start the one the notice was planned for.
     */
    private static CalendarInvite invite(Notification notification, Optional<Appointment> appointment,
                                         Contact contact, Clinic clinic) {
        if (notification.kind() == NotificationKind.REMINDER || notification.kind() == NotificationKind.AFTERCARE
                || notification.kind() == NotificationKind.WAITLIST_OFFER
                || notification.kind() == NotificationKind.RECALL) {
            return null;
        }
        return appointment.map(visit -> new CalendarInvite(notification.appointmentId(),
                        notification.appointmentRevision(), notification.kind() == NotificationKind.CANCELLATION,
                        notification.appointmentStart(), notification.appointmentStart()
                                .plus(Duration.between(visit.start(), visit.end())),
                        MessageTexts.calendarSummary(contact.language(), clinic)))
                .orElse(null);
    }

    /** The clinic's reminder policy (the port caches it per instance). */
    private ReminderPolicy policy(Clinic clinic) {
        return policies.current(clinic.id(), clinic.smsSenderAlias());
    }

    /** The template in force (the port caches the clinics' templates per instance). */
    private MessageTemplate template(TemplateKey key) {
        return templates.current(key);
    }

    /** Asks the dispatcher to look for due notifications now instead of at the next due time or poll. */
    public void wake() {
        if (wakeUp.availablePermits() < settings.threads()) {
            wakeUp.release();
        }
    }

    private void loop() {
        while (!stopped) {
            try {
                dispatchDue();
            } catch (RuntimeException e) {
                log.warn("Dispatching failed, retrying at the next poll: {}", e.toString());
            }
            try {
                wakeUp.tryAcquire(waitMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Until the next due time the store knows of, the poll interval at most. */
    private long waitMillis() {
        long poll = settings.pollInterval().toMillis();
        return notifications.nextDue()
                .map(next -> Math.max(1, Math.min(poll, Duration.between(clock.instant(), next).toMillis() + 1)))
                .orElse(poll);
    }

    public synchronized void start() {
        stopped = false;
        for (int i = 0; i < settings.threads(); i++) {
            Thread thread = new Thread(this::loop, "notification-dispatcher-" + i);
            thread.setDaemon(true);
            workers.add(thread);
            thread.start();
        }
    }

    /** Stops claiming; a send in progress finishes (or its lease expires and another instance takes over). */
    public synchronized void stop() {
        stopped = true;
        workers.forEach(Thread::interrupt);
        workers.clear();
    }
}
