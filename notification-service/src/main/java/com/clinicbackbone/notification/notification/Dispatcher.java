package com.clinicbackbone.notification.notification;

import com.clinicbackbone.notification.appointment.Appointment;
import com.clinicbackbone.notification.appointment.Appointments;
import com.clinicbackbone.notification.clinic.Clinic;
import com.clinicbackbone.notification.clinic.Clinics;
import com.clinicbackbone.notification.contact.Channel;
import com.clinicbackbone.notification.contact.Contact;
import com.clinicbackbone.notification.contact.Contacts;
import com.clinicbackbone.notification.patient.PatientRegistry;
import com.clinicbackbone.notification.policy.ReminderPolicies;
import com.clinicbackbone.notification.policy.ReminderPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends due notifications. Each one is claimed with a lease first, so with several instances running none is
 * sent twice; what is still true is checked at send time (for a reminder: the appointment still booked or
 * confirmed at the planned start; for every message: contact known, consent given for the channel and channel
 * wanted; the clinic's quiet hours). Runs on its own thread, polling, and wakes at once on {@link #wake()}.
 */
public final class Dispatcher {

    static final int MAX_ATTEMPTS = 5;
    /** Why a message was skipped: its time fell in the quiet hours and their end is not before the visit. */
    public static final String QUIET_HOURS = "QUIET_HOURS";
    /** Why an SMS was skipped: the patient's number replied STOP (or ARRET ...) and not START since. */
    public static final String OPTED_OUT = "OPTED_OUT";
    static final String DEFERRED_BY_QUIET_HOURS = "deferred to the end of the quiet hours";
    static final Duration LEASE = Duration.ofMinutes(1);
    static final Duration NO_CONTACT_GIVE_UP = Duration.ofMinutes(10);
    static final Duration NO_CONTACT_MAX_WAIT = Duration.ofMinutes(1);
    static final Duration RETRY_BASE = Duration.ofSeconds(2);

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    private final Notifications notifications;
    private final Appointments appointments;
    private final Contacts contacts;
    private final PatientRegistry patients;
    private final Clinics clinics;
    private final ReminderPolicies policies;
    private final Templates templates;
    private final EmailSender email;
    private final SmsSender sms;
    private final Clock clock;
    private final Duration pollInterval;
    private final Semaphore wakeUp = new Semaphore(0);
    private volatile Thread worker;

    public Dispatcher(Notifications notifications, Appointments appointments, Contacts contacts,
                      PatientRegistry patients, Clinics clinics, ReminderPolicies policies, Templates templates,
                      EmailSender email, SmsSender sms, Clock clock, Duration pollInterval) {
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
        this.pollInterval = pollInterval;
    }

    /** Handles every notification that is due now; returns how many were handled. */
    public int dispatchDue() {
        int handled = 0;
        Optional<Notifications.Claim> claim;
        while ((claim = notifications.claimNextDue(clock.instant(), LEASE)).isPresent()) {
            Notification outcome = attempt(claim.get().notification(), clock.instant());
            if (!notifications.complete(claim.get(), outcome)) {
                log.info("Notification {} changed while it was being handled; outcome {} not stored",
                        outcome.id(), outcome.status());
            }
            handled++;
        }
        return handled;
    }

    Notification attempt(Notification notification, Instant now) {
        if (notification.kind() == NotificationKind.REMINDER) {
            Optional<Notification> stale = staleReminder(notification, now);
            if (stale.isPresent()) {
                return stale.get();
            }
        }
        Optional<Notification> quiet = quietHours(notification, now);
        if (quiet.isPresent()) {
            return quiet.get();
        }
        Optional<Contact> contact = contacts.find(notification.patientId());
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
        return send(notification, contact.get(), address, now);
    }

    /**
     * A reminder goes out only while the appointment is still to come (booked or confirmed) at the start it was
     * planned for, and before that start. The revision may have grown meanwhile (a confirmation keeps reminders).
     */
    private Optional<Notification> staleReminder(Notification reminder, Instant now) {
        Optional<Appointment> appointment = appointments.find(reminder.appointmentId());
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
     * before the visit, otherwise skipped ({@link #QUIET_HOURS}).
     */
    private Optional<Notification> quietHours(Notification notification, Instant now) {
        Clinic clinic = clinics.clinic(notification.clinicId());
        ReminderPolicy.QuietHours quiet = policies.current(clinic.id(), clinic.smsSenderAlias()).quietHours();
        ZonedDateTime local = now.atZone(clinic.zone());
        if (!quiet.contains(local.toLocalTime())) {
            return Optional.empty();
        }
        Instant end = quiet.endOfPeriod(local).toInstant();
        // aftercare comes after the visit by nature: it always waits for the morning
        return Optional.of(notification.kind() == NotificationKind.AFTERCARE
                || end.isBefore(notification.appointmentStart())
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

    private Notification send(Notification notification, Contact contact, String address, Instant now) {
        Clinic configured = clinics.clinic(notification.clinicId());
        ReminderPolicy policy = policies.current(configured.id(), configured.smsSenderAlias());
        Clinic clinic = configured.withSenderName(policy.senderName());
        MessageTemplate template = templates.current(new TemplateKey(clinic.id(), notification.kind(),
                TemplateKey.languageOf(contact.language()), notification.channel()));
        Optional<Appointment> appointment = appointments.find(notification.appointmentId());
        String aftercare = notification.kind() != NotificationKind.AFTERCARE ? "" : appointment
                .flatMap(visit -> clinics.aftercare(visit.clinicId(), visit.serviceId()))
                .map(text -> text.text(contact.language())).orElse(null);
        if (aftercare == null) {
            return notification.skipped("no aftercare instructions for the service");
        }
        try {
            String providerId = notification.channel() == Channel.EMAIL
                    ? email.send(MessageTexts.email(address, template, contact, clinic,
                            notification.appointmentStart(), aftercare)
                            .withCalendar(invite(notification, appointment, contact, clinic)))
                    : sms.send(new SmsMessage(address, MessageTexts.sms(template, contact.language(), clinic,
                            notification.appointmentStart())));
            return notification.sent(now, providerId);
        } catch (RuntimeException e) {
            int attempts = notification.attempts() + 1;
            DeliveryException delivery = e instanceof DeliveryException known ? known : null;
            String reason = delivery != null ? e.getMessage() : "sending failed: " + e.getClass().getSimpleName();
            String providerCode = delivery == null ? null : delivery.providerErrorCode();
            log.warn("Sending notification {} failed (attempt {}): {}", notification.id(), attempts, reason);
            if (delivery != null && delivery.isPermanent()) {
                String code = delivery.code() != null ? delivery.code() : Notification.Failure.PROVIDER_REJECTED;
                return notification.failed(new Notification.Failure(code, providerCode), reason, attempts);
            }
            if (attempts >= MAX_ATTEMPTS) {
                return notification.failed(new Notification.Failure(Notification.Failure.RETRIES_EXHAUSTED,
                        providerCode), reason, attempts);
            }
            // the next attempt is a later claim: the dispatcher thread never waits for a provider's Retry-After
            Duration backoff = RETRY_BASE.multipliedBy(1L << (attempts - 1));
            Duration wait = delivery != null && delivery.retryAfter() != null
                    && delivery.retryAfter().compareTo(backoff) > 0 ? delivery.retryAfter() : backoff;
            return notification.retryAt(now.plus(wait), attempts, reason);
        }
    }

    /**
     * The calendar event a confirmation, change or cancellation email carries (null for other kinds, or when the
     * appointment is unknown): its length from the appointment, its start the one the notice was planned for.
     */
    private static CalendarInvite invite(Notification notification, Optional<Appointment> appointment,
                                         Contact contact, Clinic clinic) {
        if (notification.kind() == NotificationKind.REMINDER || notification.kind() == NotificationKind.AFTERCARE) {
            return null;
        }
        return appointment.map(visit -> new CalendarInvite(notification.appointmentId(),
                        notification.appointmentRevision(), notification.kind() == NotificationKind.CANCELLATION,
                        notification.appointmentStart(), notification.appointmentStart()
                                .plus(Duration.between(visit.start(), visit.end())),
                        MessageTexts.calendarSummary(contact.language(), clinic)))
                .orElse(null);
    }

    /** Asks the dispatcher to look for due notifications now instead of at the next poll. */
    public void wake() {
        wakeUp.release();
    }

    private void loop() {
        while (worker == Thread.currentThread()) {
            try {
                dispatchDue();
            } catch (RuntimeException e) {
                log.warn("Dispatching failed, retrying at the next poll: {}", e.toString());
            }
            try {
                wakeUp.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
                wakeUp.drainPermits();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    public void start() {
        Thread thread = new Thread(this::loop, "notification-dispatcher");
        thread.setDaemon(true);
        worker = thread;
        thread.start();
    }

    public void stop() {
        Thread thread = worker;
        worker = null;
        if (thread != null) {
            thread.interrupt();
        }
    }
}
