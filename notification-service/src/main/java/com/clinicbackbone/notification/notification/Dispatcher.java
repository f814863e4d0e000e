package com.clinicbackbone.notification.notification;

import com.clinicbackbone.notification.appointment.Appointment;
import com.clinicbackbone.notification.appointment.Appointments;
import com.clinicbackbone.notification.clinic.Clinic;
import com.clinicbackbone.notification.clinic.Clinics;
import com.clinicbackbone.notification.contact.Channel;
import com.clinicbackbone.notification.contact.Contact;
import com.clinicbackbone.notification.contact.Contacts;
import com.clinicbackbone.notification.patient.PatientRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends due notifications. Each one is claimed with a lease first, so with several instances running none is
 * sent twice; what is still true is checked at send time (for a reminder: the appointment still booked or
 * confirmed at the planned start; for every message: contact known, consent given for the channel and channel
 * wanted). Runs on its own thread, polling, and wakes at once on {@link #wake()}.
 */
public final class Dispatcher {

    static final int MAX_ATTEMPTS = 5;
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
    private final EmailSender email;
    private final SmsSender sms;
    private final Clock clock;
    private final Duration pollInterval;
    private final Semaphore wakeUp = new Semaphore(0);
    private volatile Thread worker;

    public Dispatcher(Notifications notifications, Appointments appointments, Contacts contacts,
                      PatientRegistry patients, Clinics clinics, EmailSender email, SmsSender sms, Clock clock,
                      Duration pollInterval) {
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
        Optional<Contact> contact = contacts.find(notification.patientId());
        if (contact.isEmpty()) {
            // planned while the erasure was being applied: it must not wait for a contact that will not come
            return patients.isErased(notification.patientId())
                    ? notification.cancelled(PatientLifecycle.PATIENT_ERASED) : waitForContact(notification, now);
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

    private Notification waitForContact(Notification notification, Instant now) {
        Duration waited = Duration.between(notification.dueAt(), now);
        if (waited.compareTo(NO_CONTACT_GIVE_UP) >= 0) {
            return notification.failed("no contact record", notification.attempts());
        }
        Duration wait = waited.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1)
                : waited.compareTo(NO_CONTACT_MAX_WAIT) > 0 ? NO_CONTACT_MAX_WAIT : waited;
        return notification.retryAt(now.plus(wait), notification.attempts(), "waiting for the contact record");
    }

    private Notification send(Notification notification, Contact contact, String address, Instant now) {
        Clinic clinic = clinics.clinic(notification.clinicId());
        try {
            String providerId = notification.channel() == Channel.EMAIL
                    ? email.send(MessageTexts.email(address, notification.kind(), contact, clinic,
                            notification.appointmentStart()))
                    : sms.send(new SmsMessage(address, MessageTexts.sms(notification.kind(), contact.language(),
                            clinic, notification.appointmentStart())));
            return notification.sent(now, providerId);
        } catch (RuntimeException e) {
            int attempts = notification.attempts() + 1;
            boolean permanent = e instanceof DeliveryException delivery && delivery.isPermanent();
            String reason = e instanceof DeliveryException ? e.getMessage()
                    : "sending failed: " + e.getClass().getSimpleName();
            log.warn("Sending notification {} failed (attempt {}): {}", notification.id(), attempts, reason);
            if (permanent || attempts >= MAX_ATTEMPTS) {
                return notification.failed(reason, attempts);
            }
            return notification.retryAt(now.plus(RETRY_BASE.multipliedBy(1L << (attempts - 1))), attempts, reason);
        }
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
