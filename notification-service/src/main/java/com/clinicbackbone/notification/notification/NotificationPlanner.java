package com.clinicbackbone.notification.notification;

import com.clinicbackbone.notification.appointment.Appointment;
import com.clinicbackbone.notification.appointment.AppointmentStatus;
import com.clinicbackbone.notification.appointment.Appointments;
import com.clinicbackbone.notification.clinic.Clinic;
import com.clinicbackbone.notification.clinic.Clinics;
import com.clinicbackbone.notification.contact.Channel;
import com.clinicbackbone.notification.patient.PatientRegistry;
import com.clinicbackbone.notification.policy.ReminderPolicies;
import com.clinicbackbone.notification.policy.ReminderPolicy;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Turns appointment events into scheduled notifications. The projection is written first (only when the event
 * is not older than what is stored), then the notifications, which have deterministic ids: a redelivery of the
 * same revision completes whatever a crash left undone and creates nothing twice. An event naming a patient id
 * retired by a merge is planned for the survivor; for an erased patient the notifications are stored cancelled.
 * What is planned follows the clinic's current {@link ReminderPolicy} at the time of the booking or move:
 * <ul>
 * <li>Booked: a confirmation now per channel (when the policy confirms bookings) and each reminder of the policy
 * on each of its channels, due its offset before the start (whole days in the clinic's local time).</li>
 * <li>Moved: the reminders (and an unsent change notice) of earlier revisions are cancelled, reminders for the
 * new start and a change notice (when the policy confirms changes) are planned under ids carrying the new
 * revision.</li>
 * <li>Confirmed: the reminders stay (the visit still happens). Checked in, completed or no-show: pending
 * reminders are cancelled. Completed: the service's aftercare instructions by email, when the service has some
 * and the policy sends aftercare. Cancelled: pending reminders are cancelled and a cancellation notice is planned (when
 * the policy confirms cancellations).</li>
 * </ul>
 * The dispatcher checks again at send time ({@link #whyNoReminder}), so a reminder whose cancellation raced
 * with its sending is not sent either.
 */
public final class NotificationPlanner {

    static final String REMINDER_TOO_LATE = "reminder time had already passed at booking";
    static final String REMINDER_TOO_LATE_AFTER_MOVE = "reminder time had already passed when the appointment moved";
    static final String APPOINTMENT_CANCELLED = "appointment cancelled";
    static final String APPOINTMENT_MOVED = "appointment moved";
    static final String MOVED_AGAIN = "appointment moved again";
    static final String VISIT_TOOK_PLACE = "visit already took place";
    static final String NO_SHOW = "no-show";

    private final Appointments appointments;
    private final Notifications notifications;
    private final Clinics clinics;
    private final ReminderPolicies policies;
    private final PatientRegistry patients;
    private final Clock clock;

    public NotificationPlanner(Appointments appointments, Notifications notifications, Clinics clinics,
                               ReminderPolicies policies, PatientRegistry patients, Clock clock) {
        this.appointments = appointments;
        this.policies = policies;
        this.patients = patients;
        this.notifications = notifications;
        this.clinics = clinics;
        this.clock = clock;
    }

    /** Applies a booking; returns false (and changes nothing) when a newer revision is known. */
    public boolean booked(Appointment event) {
        Appointment appointment = event.forPatient(patients.current(event.patientId()));
        if (!appointments.saveIfNotOlder(appointment)) {
            return false;
        }
        boolean erased = patients.isErased(appointment.patientId());
        Instant now = clock.instant();
        ReminderPolicy policy = policyOf(appointment);
        if (policy.confirmations().booked()) {
            for (Channel channel : Channel.values()) {
                notifications.addIfAbsent(unlessErased(erased,
                        Notification.scheduled(appointment, NotificationKind.CONFIRMATION, channel, now)));
            }
        }
        planReminders(appointment, policy, erased, now, false);
        return true;
    }

    /**
     * Applies a move to a new start; returns false (and changes nothing) when a newer revision is known. What
     * earlier revisions planned and is still pending is cancelled first, then the new plan is added (ids with the
     * revision), so a redelivery finds the new plan in place and changes nothing.
     */
    public boolean rescheduled(Appointment event) {
        Appointment appointment = event.forPatient(patients.current(event.patientId()));
        if (!appointments.saveIfNotOlder(appointment)) {
            return false;
        }
        notifications.cancelScheduledPlannedBefore(appointment.id(), NotificationKind.REMINDER,
                appointment.revision(), APPOINTMENT_MOVED);
        notifications.cancelScheduledPlannedBefore(appointment.id(), NotificationKind.CHANGE,
                appointment.revision(), MOVED_AGAIN);
        boolean erased = patients.isErased(appointment.patientId());
        Instant now = clock.instant();
        ReminderPolicy policy = policyOf(appointment);
        if (policy.confirmations().changed()) {
            for (Channel channel : Channel.values()) {
                notifications.addIfAbsent(unlessErased(erased,
                        Notification.scheduledForRevision(appointment, NotificationKind.CHANGE, channel, now)));
            }
        }
        planReminders(appointment, policy, erased, now, true);
        return true;
    }

    /**
     * Applies a change of status at the same time (confirmed, checked in, completed, no-show); returns false (and
     * changes nothing) when a newer revision is known. A confirmation keeps the reminders; once the visit took
     * place or was missed, the pending reminders are cancelled.
     */
    public boolean statusChanged(Appointment event) {
        Appointment appointment = event.forPatient(patients.current(event.patientId()));
        if (!appointments.saveIfNotOlder(appointment)) {
            return false;
        }
        whyNoReminder(appointment.status()).ifPresent(reason ->
                notifications.cancelScheduledReminders(appointment.id(), reason));
        if (appointment.status() == AppointmentStatus.COMPLETED && policyOf(appointment).aftercare()
                && clinics.aftercare(appointment.clinicId(), appointment.serviceId()).isPresent()) {
            notifications.addIfAbsent(unlessErased(patients.isErased(appointment.patientId()),
                    Notification.scheduled(appointment, NotificationKind.AFTERCARE, Channel.EMAIL, clock.instant())));
        }
        return true;
    }

    /** Applies a cancellation; returns false (and changes nothing) when a newer revision is known. */
    public boolean cancelled(Appointment event) {
        Appointment appointment = event.forPatient(patients.current(event.patientId()));
        if (!appointments.saveIfNotOlder(appointment)) {
            return false;
        }
        boolean erased = patients.isErased(appointment.patientId());
        notifications.cancelScheduledReminders(appointment.id(), APPOINTMENT_CANCELLED);
        if (!policyOf(appointment).confirmations().cancelled()) {
            return true;
        }
        Instant now = clock.instant();
        for (Channel channel : Channel.values()) {
            notifications.addIfAbsent(unlessErased(erased,
                    Notification.scheduled(appointment, NotificationKind.CANCELLATION, channel, now)));
        }
        return true;
    }

    /** Why no reminder may go out for an appointment in this status; empty while the visit is upcoming. */
    static Optional<String> whyNoReminder(AppointmentStatus status) {
        return switch (status) {
            case BOOKED, CONFIRMED -> Optional.empty();
            case CHECKED_IN, COMPLETED -> Optional.of(VISIT_TOOK_PLACE);
            case NO_SHOW -> Optional.of(NO_SHOW);
            case CANCELLED -> Optional.of(APPOINTMENT_CANCELLED);
        };
    }

    private void planReminders(Appointment appointment, ReminderPolicy policy, boolean erased, Instant now,
                               boolean forMove) {
        Clinic clinic = clinics.clinic(appointment.clinicId());
        for (ReminderPolicy.Reminder rule : policy.reminders()) {
            Instant due = rule.dueBefore(appointment.start().atZone(clinic.zone())).toInstant();
            for (Channel channel : Channel.values()) {
                if (rule.channels().contains(channel)) {
                    Notification reminder = Notification.reminder(appointment, channel, rule.offset(), due, forMove);
                    notifications.addIfAbsent(unlessErased(erased, due.isBefore(now)
                            ? reminder.skipped(forMove ? REMINDER_TOO_LATE_AFTER_MOVE : REMINDER_TOO_LATE)
                            : reminder));
                }
            }
        }
    }

    private ReminderPolicy policyOf(Appointment appointment) {
        return policies.current(appointment.clinicId(), clinics.clinic(appointment.clinicId()).smsSenderAlias());
    }

    private static Notification unlessErased(boolean erased, Notification notification) {
        return erased && notification.status() == NotificationStatus.SCHEDULED
                ? notification.cancelled(PatientLifecycle.PATIENT_ERASED) : notification;
    }
}
