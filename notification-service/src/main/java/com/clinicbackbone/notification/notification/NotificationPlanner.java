package com.clinicbackbone.notification.notification;

import com.clinicbackbone.notification.appointment.Appointment;
import com.clinicbackbone.notification.appointment.AppointmentStatus;
import com.clinicbackbone.notification.appointment.Appointments;
import com.clinicbackbone.notification.clinic.Clinics;
import com.clinicbackbone.notification.contact.Channel;
import com.clinicbackbone.notification.patient.PatientRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Turns appointment events into scheduled notifications. The projection is written first (only when the event
 * is not older than what is stored), then the notifications, which have deterministic ids: a redelivery of the
 * same revision completes whatever a crash left undone and creates nothing twice. An event naming a patient id
 * retired by a merge is planned for the survivor; for an erased patient the notifications are stored cancelled.
 * <ul>
 * <li>Booked: a confirmation now and a reminder at the clinic's offset before the start, per channel.</li>
 * <li>Moved: the reminders (and an unsent change notice) of earlier revisions are cancelled, reminders for the
 * new start and a change notice are planned under ids carrying the new revision.</li>
 * <li>Confirmed: the reminders stay (the visit still happens). Checked in, completed or no-show: pending
 * reminders are cancelled. Cancelled: pending reminders are cancelled and a cancellation notice is planned.</li>
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
    private final PatientRegistry patients;
    private final Clock clock;

    public NotificationPlanner(Appointments appointments, Notifications notifications, Clinics clinics,
                               PatientRegistry patients, Clock clock) {
        this.appointments = appointments;
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
        Instant reminderDue = reminderDue(appointment);
        for (Channel channel : Channel.values()) {
            notifications.addIfAbsent(unlessErased(erased,
                    Notification.scheduled(appointment, NotificationKind.CONFIRMATION, channel, now)));
            Notification reminder = Notification.scheduled(appointment, NotificationKind.REMINDER, channel,
                    reminderDue);
            notifications.addIfAbsent(unlessErased(erased,
                    reminderDue.isBefore(now) ? reminder.skipped(REMINDER_TOO_LATE) : reminder));
        }
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
        Instant reminderDue = reminderDue(appointment);
        for (Channel channel : Channel.values()) {
            notifications.addIfAbsent(unlessErased(erased,
                    Notification.scheduledForRevision(appointment, NotificationKind.CHANGE, channel, now)));
            Notification reminder = Notification.scheduledForRevision(appointment, NotificationKind.REMINDER,
                    channel, reminderDue);
            notifications.addIfAbsent(unlessErased(erased,
                    reminderDue.isBefore(now) ? reminder.skipped(REMINDER_TOO_LATE_AFTER_MOVE) : reminder));
        }
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

    private Instant reminderDue(Appointment appointment) {
        return appointment.start().minus(clinics.clinic(appointment.clinicId()).reminderOffset());
    }

    private static Notification unlessErased(boolean erased, Notification notification) {
        return erased && notification.status() == NotificationStatus.SCHEDULED
                ? notification.cancelled(PatientLifecycle.PATIENT_ERASED) : notification;
    }
}
