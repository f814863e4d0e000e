package com.clinicbackbone.notification.notification;

import com.clinicbackbone.notification.appointment.Appointment;
import com.clinicbackbone.notification.appointment.Appointments;
import com.clinicbackbone.notification.clinic.Clinics;
import com.clinicbackbone.notification.contact.Channel;
import java.time.Clock;
import java.time.Instant;

/**
 * Turns appointment events into scheduled notifications. The projection is written first (only when the event
 * is not older than what is stored), then the notifications, which have deterministic ids: a redelivery of the
 * same revision completes whatever a crash left undone and creates nothing twice.
 */
public final class NotificationPlanner {

    static final String REMINDER_TOO_LATE = "reminder time had already passed at booking";
    static final String APPOINTMENT_CANCELLED = "appointment cancelled";

    private final Appointments appointments;
    private final Notifications notifications;
    private final Clinics clinics;
    private final Clock clock;

    public NotificationPlanner(Appointments appointments, Notifications notifications, Clinics clinics,
                               Clock clock) {
        this.appointments = appointments;
        this.notifications = notifications;
        this.clinics = clinics;
        this.clock = clock;
    }

    /** Applies a booking; returns false (and changes nothing) when a newer revision is known. */
    public boolean booked(Appointment appointment) {
        if (!appointments.saveIfNotOlder(appointment)) {
            return false;
        }
        Instant now = clock.instant();
        Instant reminderDue = appointment.start().minus(clinics.clinic(appointment.clinicId()).reminderOffset());
        for (Channel channel : Channel.values()) {
            notifications.addIfAbsent(
                    Notification.scheduled(appointment, NotificationKind.CONFIRMATION, channel, now));
            Notification reminder = Notification.scheduled(appointment, NotificationKind.REMINDER, channel,
                    reminderDue);
            notifications.addIfAbsent(reminderDue.isBefore(now) ? reminder.skipped(REMINDER_TOO_LATE) : reminder);
        }
        return true;
    }

    /** Applies a cancellation; returns false (and changes nothing) when a newer revision is known. */
    public boolean cancelled(Appointment appointment) {
        if (!appointments.saveIfNotOlder(appointment)) {
            return false;
        }
        notifications.cancelScheduledReminders(appointment.id(), APPOINTMENT_CANCELLED);
        Instant now = clock.instant();
        for (Channel channel : Channel.values()) {
            notifications.addIfAbsent(
                    Notification.scheduled(appointment, NotificationKind.CANCELLATION, channel, now));
        }
        return true;
    }
}
