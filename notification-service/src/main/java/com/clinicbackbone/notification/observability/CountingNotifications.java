package com.clinicbackbone.notification.observability;

import com.clinicbackbone.notification.delivery.ProviderStatus;
import com.clinicbackbone.notification.notification.Notification;
import com.clinicbackbone.notification.notification.NotificationKind;
import com.clinicbackbone.notification.notification.NotificationStatus;
import com.clinicbackbone.notification.notification.Notifications;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * {@link Notifications} that also counts the reminder funnel ({@link ReminderMetrics}) and the waitlist offers'
 * messages where the outcomes are stored: planned reminders, the dispatcher's stored outcomes (sent, skipped, failed) and the first
 * {@code delivered} status callback of a sent reminder (the store answers what the notification was before).
 */
class CountingNotifications implements Notifications {

    private final Notifications delegate;
    private final ReminderMetrics metrics;

    CountingNotifications(Notifications delegate, ReminderMetrics metrics) {
        this.delegate = delegate;
        this.metrics = metrics;
    }

    @Override
    public List<Notification> plan(List<Cancellation> cancellations, List<Notification> additions) {
        List<Notification> added = delegate.plan(cancellations, additions);
        for (Notification notification : added) {
            if (notification.kind() != NotificationKind.REMINDER) {
                continue;
            }
            // planned, or skipped at once because its time had already passed at booking
            String channel = notification.channel().name();
            if (notification.status() == NotificationStatus.SCHEDULED) {
                metrics.count(notification.clinicId(), channel, ReminderMetrics.SCHEDULED);
            } else if (notification.status() == NotificationStatus.SKIPPED) {
                metrics.skipped(notification.clinicId(), channel, notification.reason());
            }
        }
        return added;
    }

    @Override
    public boolean complete(Claim claim, Notification outcome) {
        boolean stored = delegate.complete(claim, outcome);
        if (stored && outcome.kind() == NotificationKind.WAITLIST_OFFER) {
            switch (outcome.status()) {
                case SENT -> metrics.offerMessage(outcome.clinicId(), outcome.channel().name(), ReminderMetrics.SENT);
                case SKIPPED -> metrics.offerMessage(outcome.clinicId(), outcome.channel().name(),
                        ReminderMetrics.SKIPPED);
                case FAILED, UNKNOWN -> metrics.offerMessage(outcome.clinicId(), outcome.channel().name(),
                        ReminderMetrics.FAILED);
                default -> {
                }
            }
        }
        if (stored && outcome.kind() == NotificationKind.REMINDER) {
            String clinic = outcome.clinicId();
            String channel = outcome.channel().name();
            switch (outcome.status()) {
                case SENT -> metrics.count(clinic, channel, ReminderMetrics.SENT);
                case SKIPPED -> metrics.skipped(clinic, channel, outcome.reason());
                case FAILED -> metrics.failed(clinic, channel,
                        outcome.failure() == null ? null : outcome.failure().code());
                case UNKNOWN -> metrics.failed(clinic, channel, "OUTCOME_UNKNOWN");
                default -> {
                }
            }
        }
        return stored;
    }

    @Override
    public Optional<Notification> recordDeliveryStatus(String notificationId, ProviderStatus expected,
                                                       ProviderStatus deliveryStatus, Instant at) {
        Optional<Notification> before = delegate.recordDeliveryStatus(notificationId, expected, deliveryStatus, at);
        before.filter(notification -> deliveryStatus == ProviderStatus.DELIVERED
                        && notification.kind() == NotificationKind.REMINDER
                        && !ProviderStatus.DELIVERED.value().equals(notification.deliveryStatus())
                        && !ProviderStatus.READ.value().equals(notification.deliveryStatus()))
                .ifPresent(notification -> metrics.count(notification.clinicId(), notification.channel().name(),
                        ReminderMetrics.DELIVERED));
        return before;
    }

    @Override
    public void rescheduleCancelled(Collection<String> notificationIds, String reason) {
        delegate.rescheduleCancelled(notificationIds, reason);
    }

    @Override
    public void reassignPatient(Collection<String> notificationIds, String toPatientId) {
        delegate.reassignPatient(notificationIds, toPatientId);
    }

    @Override
    public Optional<Claim> claimNextDue(Instant now, Duration lease, String holder) {
        return delegate.claimNextDue(now, lease, holder);
    }

    @Override
    public List<Claim> claimDue(Instant now, Duration lease, String holder, int max) {
        return delegate.claimDue(now, lease, holder, max);
    }

    @Override
    public Optional<Instant> nextDue() {
        return delegate.nextDue();
    }

    @Override
    public void release(List<Claim> claims) {
        delegate.release(claims);
    }

    @Override
    public List<Notification> find(String appointmentId, String patientId) {
        return delegate.find(appointmentId, patientId);
    }

    @Override
    public List<Notification> findAll(Collection<String> notificationIds) {
        return delegate.findAll(notificationIds);
    }

    @Override
    public long countOverdue(Instant before) {
        return delegate.countOverdue(before);
    }
}
