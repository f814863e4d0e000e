package com.clinicbackbone.notification.notification;

import com.clinicbackbone.notification.appointment.Appointment;
import com.clinicbackbone.notification.contact.Channel;
import java.time.Instant;

/**
 * One message on one channel about one appointment. The id is deterministic, so a redelivered event never creates
 * it twice: {@code <appointmentId>:<KIND>:<CHANNEL>} for what the booking (or the cancellation) plans, and
 * {@code <appointmentId>:<KIND>:<CHANNEL>:r<revision>} for what a move plans, since one appointment may be moved
 * several times and each move has its own reminders and change notice.
 *
 * @param reason              why it was skipped, cancelled or failed (or why the last attempt failed)
 * @param attempts            how many times sending was tried
 * @param deliveryStatus      the provider's latest delivery status (SMS status callbacks), if any
 * @param nextAttemptAt       when the dispatcher may pick it up (the due time, later when retrying)
 * @param appointmentRevision the appointment revision it was planned for
 * @param appointmentStart    the appointment start it was planned for
 */
public record Notification(String id, String appointmentId, String patientId, String clinicId,
                           NotificationKind kind, Channel channel, NotificationStatus status, Instant dueAt,
                           Instant sentAt, String reason, int attempts, String providerMessageId,
                           String deliveryStatus, Instant nextAttemptAt, long appointmentRevision,
                           Instant appointmentStart) {

    /** The id of a notification planned by the booking or the cancellation (one of each per appointment). */
    public static String idOf(String appointmentId, NotificationKind kind, Channel channel) {
        return appointmentId + ":" + kind + ":" + channel;
    }

    /** The id of a notification planned by a move to the given appointment revision. */
    public static String idOf(String appointmentId, NotificationKind kind, Channel channel, long revision) {
        return idOf(appointmentId, kind, channel) + ":r" + revision;
    }

    static Notification scheduled(Appointment appointment, NotificationKind kind, Channel channel, Instant dueAt) {
        return scheduled(idOf(appointment.id(), kind, channel), appointment, kind, channel, dueAt);
    }

    /** Scheduled with the id of a move's plan ({@link #idOf(String, NotificationKind, Channel, long)}). */
    static Notification scheduledForRevision(Appointment appointment, NotificationKind kind, Channel channel,
                                             Instant dueAt) {
        return scheduled(idOf(appointment.id(), kind, channel, appointment.revision()), appointment, kind, channel,
                dueAt);
    }

    private static Notification scheduled(String id, Appointment appointment, NotificationKind kind, Channel channel,
                                          Instant dueAt) {
        return new Notification(id, appointment.id(), appointment.patientId(), appointment.clinicId(), kind, channel,
                NotificationStatus.SCHEDULED, dueAt, null, null, 0, null, null, dueAt, appointment.revision(),
                appointment.start());
    }

    Notification sent(Instant at, String providerId) {
        return with(NotificationStatus.SENT, at, null, attempts + 1, providerId, nextAttemptAt);
    }

    Notification skipped(String why) {
        return with(NotificationStatus.SKIPPED, null, why, attempts, null, nextAttemptAt);
    }

    Notification cancelled(String why) {
        return with(NotificationStatus.CANCELLED, null, why, attempts, null, nextAttemptAt);
    }

    Notification failed(String why, int attemptsMade) {
        return with(NotificationStatus.FAILED, null, why, attemptsMade, null, nextAttemptAt);
    }

    /** Still scheduled, picked up again at {@code next}. */
    Notification retryAt(Instant next, int attemptsMade, String why) {
        return with(NotificationStatus.SCHEDULED, null, why, attemptsMade, null, next);
    }

    private Notification with(NotificationStatus newStatus, Instant newSentAt, String newReason, int newAttempts,
                              String newProviderId, Instant newNextAttemptAt) {
        return new Notification(id, appointmentId, patientId, clinicId, kind, channel, newStatus, dueAt, newSentAt,
                newReason, newAttempts, newProviderId, deliveryStatus, newNextAttemptAt, appointmentRevision,
                appointmentStart);
    }
}
