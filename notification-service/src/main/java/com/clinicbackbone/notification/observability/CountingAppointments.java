package com.clinicbackbone.notification.observability;

import com.clinicbackbone.notification.appointment.Appointment;
import com.clinicbackbone.notification.appointment.AppointmentStatus;
import com.clinicbackbone.notification.appointment.Appointments;
import com.clinicbackbone.notification.notification.Notification;
import com.clinicbackbone.notification.notification.NotificationKind;
import com.clinicbackbone.notification.notification.NotificationStatus;
import com.clinicbackbone.notification.notification.Notifications;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@link Appointments} (notification-service's projection of booking-service's events) that also counts the end of
 * the reminder funnel: an appointment that becomes {@code CONFIRMED} counts {@code confirmed}, one that becomes
 * {@code CHECKED_IN} (or {@code COMPLETED} without a check-in) counts {@code attended}, once for every channel a
 * reminder of it was sent on (its planned reminders, read by id). Appointments nobody was reminded of are not part
 * of the funnel.
 */
class CountingAppointments implements Appointments {

    private final Appointments delegate;
    private final Supplier<Notifications> notifications;
    private final ReminderMetrics metrics;

    CountingAppointments(Appointments delegate, Supplier<Notifications> notifications, ReminderMetrics metrics) {
        this.delegate = delegate;
        this.notifications = notifications;
        this.metrics = metrics;
    }

    @Override
    public boolean save(Appointment appointment, Collection<String> plannedNotificationIds, Stored expected) {
        boolean saved = delegate.save(appointment, plannedNotificationIds, expected);
        AppointmentStatus before = expected == null ? null : expected.appointment().status();
        String stage = saved && before != appointment.status() ? stage(before, appointment.status()) : null;
        if (stage != null) {
            var reminders = expected.plannedNotificationIds().stream()
                    .filter(id -> Notification.kindIn(id, appointment.id()) == NotificationKind.REMINDER).toList();
            if (!reminders.isEmpty()) {
                notifications.get().findAll(reminders).stream()
                        .filter(it -> it.status() == NotificationStatus.SENT)
                        .map(Notification::channel).distinct()
                        .forEach(channel -> metrics.count(appointment.clinicId(), channel.name(), stage));
            }
        }
        return saved;
    }

    private static String stage(AppointmentStatus before, AppointmentStatus now) {
        if (before == null) {
            return null;
        }
        return switch (now) {
            case CONFIRMED -> ReminderMetrics.CONFIRMED;
            case CHECKED_IN -> ReminderMetrics.ATTENDED;
            case COMPLETED -> before == AppointmentStatus.CHECKED_IN ? null : ReminderMetrics.ATTENDED;
            default -> null;
        };
    }

    @Override
    public Optional<Appointment> find(String appointmentId) {
        return delegate.find(appointmentId);
    }

    @Override
    public Map<String, Appointment> findAll(Collection<String> appointmentIds) {
        return delegate.findAll(appointmentIds);
    }

    @Override
    public Optional<Stored> load(String appointmentId) {
        return delegate.load(appointmentId);
    }

    @Override
    public Optional<Appointment> nextUpcoming(Collection<String> patientIds, Instant now) {
        return delegate.nextUpcoming(patientIds, now);
    }

    @Override
    public Set<String> notificationIdsOf(String patientId) {
        return delegate.notificationIdsOf(patientId);
    }

    @Override
    public Set<String> markPatientErased(String patientId) {
        return delegate.markPatientErased(patientId);
    }

    @Override
    public Set<String> reassignPatient(String fromPatientId, String toPatientId) {
        return delegate.reassignPatient(fromPatientId, toPatientId);
    }
}
