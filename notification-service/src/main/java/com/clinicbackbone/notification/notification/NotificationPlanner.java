package com.clinicbackbone.notification.notification;

import com.clinicbackbone.notification.appointment.Appointment;
import com.clinicbackbone.notification.appointment.Appointments;
import com.clinicbackbone.notification.clinic.Clinics;
import com.clinicbackbone.notification.contact.Channel;
import com.clinicbackbone.notification.patient.PatientRegistry;
import java.time.Clock;
import java.time.Instant;

/**
 * Turns appointment events into scheduled notifications. The projection is written first (only when the event
 * is not older than what is stored), then the notifications, which have deterministic ids: a redelivery of the
 * same revision completes whatever a crash left undone and creates nothing twice. An event naming a patient id
 * retired by a merge is planned for the survivor; for an erased patient the notifications are stored cancelled.
 */
public final class NotificationPlanner {

    static final String REMINDER_TOO_LATE = "reminder time had already passed at booking";
    static final String APPOINTMENT_CANCELLED = "appointment cancelled";

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
        Instant reminderDue = appointment.start().minus(clinics.clinic(appointment.clinicId()).reminderOffset());
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

    private static Notification unlessErased(boolean erased, Notification notification) {
        return erased && notification.status() == NotificationStatus.SCHEDULED
                ? notification.cancelled(PatientLifecycle.PATIENT_ERASED) : notification;
    }
}
