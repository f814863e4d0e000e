package com.clinicbackbone.notification.observability;

import com.clinicbackbone.notification.delivery.ProviderStatus;
import com.clinicbackbone.notification.notification.Notification;
import com.clinicbackbone.notification.notification.NotificationKind;
import com.clinicbackbone.notification.notification.NotificationStatus;
import com.clinicbackbone.notification.notification.Notifications;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@link Notifications} that also counts the reminder funnel ({@link ReminderMetrics}) where the outcomes are
 * stored: planned reminders, the dispatcher's stored outcomes (sent, skipped, failed) and the first
 * {@code delivered} status callback of a sent reminder.
 */
class CountingNotifications implements Notifications {

    /** What a status callback's provider message id belongs to (null when unknown). */
    record Sent(String clinicId, NotificationKind kind, String channel, String deliveryStatus) {
    }

    private final Notifications delegate;
    private final ReminderMetrics metrics;
    private final Function<String, Sent> byProviderMessageId;

    CountingNotifications(Notifications delegate, ReminderMetrics metrics, Function<String, Sent> byProviderMessageId) {
        this.delegate = delegate;
        this.metrics = metrics;
        this.byProviderMessageId = byProviderMessageId;
    }

    @Override
    public boolean addIfAbsent(Notification notification) {
        boolean added = delegate.addIfAbsent(notification);
        if (!added || notification.kind() != NotificationKind.REMINDER) {
            return added;
        }
        // planned, or skipped at once because its time had already passed at booking
        String channel = notification.channel().name();
        if (notification.status() == NotificationStatus.SCHEDULED) {
            metrics.count(notification.clinicId(), channel, ReminderMetrics.SCHEDULED);
        } else if (notification.status() == NotificationStatus.SKIPPED) {
            metrics.skipped(notification.clinicId(), channel, notification.reason());
        }
        return true;
    }

    @Override
    public boolean complete(Claim claim, Notification outcome) {
        boolean stored = delegate.complete(claim, outcome);
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
    public boolean recordDeliveryStatus(String providerMessageId, ProviderStatus deliveryStatus, Instant at) {
        Sent before = deliveryStatus == ProviderStatus.DELIVERED ? byProviderMessageId.apply(providerMessageId) : null;
        boolean recorded = delegate.recordDeliveryStatus(providerMessageId, deliveryStatus, at);
        if (recorded && before != null && before.kind() == NotificationKind.REMINDER
                && !ProviderStatus.DELIVERED.value().equals(before.deliveryStatus())
                && !ProviderStatus.READ.value().equals(before.deliveryStatus())) {
            metrics.count(before.clinicId(), before.channel(), ReminderMetrics.DELIVERED);
        }
        return recorded;
    }

    @Override
    public void cancelScheduledReminders(String appointmentId, String reason) {
        delegate.cancelScheduledReminders(appointmentId, reason);
    }

    @Override
    public void cancelScheduledPlannedBefore(String appointmentId, NotificationKind kind, long revision,
                                             String reason) {
        delegate.cancelScheduledPlannedBefore(appointmentId, kind, revision, reason);
    }

    @Override
    public void cancelScheduledOf(String patientId, String reason) {
        delegate.cancelScheduledOf(patientId, reason);
    }

    @Override
    public void rescheduleCancelledOf(String patientId, String reason) {
        delegate.rescheduleCancelledOf(patientId, reason);
    }

    @Override
    public void reassignPatient(String fromPatientId, String toPatientId) {
        delegate.reassignPatient(fromPatientId, toPatientId);
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
    public void release(List<Claim> claims) {
        delegate.release(claims);
    }

    @Override
    public List<Notification> find(String appointmentId, String patientId) {
        return delegate.find(appointmentId, patientId);
    }
}
