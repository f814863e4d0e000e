package com.clinicbackbone.notification.notification;

import com.clinicbackbone.notification.appointment.Appointment;
import com.clinicbackbone.notification.contact.Channel;
import java.time.Duration;
import java.time.Instant;

/**
 * One message on one channel about one appointment. The id is deterministic, so a redelivered event never creates
 * it twice: {@code <appointmentId>:<KIND>:<CHANNEL>} for what the booking (or the cancellation) plans, and
 * {@code <appointmentId>:<KIND>:<CHANNEL>:r<revision>} for what a move plans, since one appointment may be moved
 * several times and each move has its own reminders and change notice. A reminder's id carries its offset after
 * the channel ({@code apt-1:REMINDER:SMS:PT2H}, {@code apt-1:REMINDER:SMS:PT2H:r2}): a policy may remind several
 * times on one channel.
 *
 * @param reason              why it was skipped, cancelled or failed (or why the last attempt failed)
 * @param attempts            how many times sending was tried
 * @param deliveryStatus      the provider's latest delivery status (SMS status callbacks), if any
 * @param nextAttemptAt       when the dispatcher may pick it up (the due time, later when retrying)
 * @param appointmentRevision the appointment revision it was planned for
 * @param appointmentStart    the appointment start it was planned for
 * @param deliveredAt         when the provider reported it delivered (SMS status callbacks), if it did
 * @param failure             why it failed for good (FAILED only)
 */
public record Notification(String id, String appointmentId, String patientId, String clinicId,
                           NotificationKind kind, Channel channel, NotificationStatus status, Instant dueAt,
                           Instant sentAt, String reason, int attempts, String providerMessageId,
                           String deliveryStatus, Instant nextAttemptAt, long appointmentRevision,
                           Instant appointmentStart, Instant deliveredAt, Failure failure) {

    /** A code for why a notification failed for good, and the provider's own error code if it gave one. */
    public record Failure(String code, String providerErrorCode) {
        public static final String PROVIDER_REJECTED = "PROVIDER_REJECTED";
        public static final String RETRIES_EXHAUSTED = "RETRIES_EXHAUSTED";
        public static final String NO_CONTACT = "NO_CONTACT";
        public static final String INVALID_ADDRESS = "INVALID_ADDRESS";
    }

    /** The id of a notification planned by the booking or the cancellation (one of each per appointment). */
    public static String idOf(String appointmentId, NotificationKind kind, Channel channel) {
        return appointmentId + ":" + kind + ":" + channel;
    }

    /** The id of a notification planned by a move to the given appointment revision. */
    public static String idOf(String appointmentId, NotificationKind kind, Channel channel, long revision) {
        return idOf(appointmentId, kind, channel) + ":r" + revision;
    }

    /** The id of the reminder {@code offset} before the start planned by the booking. */
    public static String reminderIdOf(String appointmentId, Channel channel, Duration offset) {
        return idOf(appointmentId, NotificationKind.REMINDER, channel) + ":" + offset;
    }

    /** The kind a notification id of the appointment names ({@code apt-1:REMINDER:SMS:PT2H} is a REMINDER). */
    public static NotificationKind kindIn(String notificationId, String appointmentId) {
        return NotificationKind.valueOf(planPart(notificationId, appointmentId)[0]);
    }

    /**
     * The appointment revision whose move planned the notification with this id ({@code :r<revision>} at its end),
     * 0 for what the booking or a status change planned (older than any move).
     */
    public static long plannedForRevision(String notificationId, String appointmentId) {
        String[] parts = planPart(notificationId, appointmentId);
        String last = parts[parts.length - 1];
        return parts.length > 2 && last.matches("r\\d+") ? Long.parseLong(last.substring(1)) : 0;
    }

    private static String[] planPart(String notificationId, String appointmentId) {
        if (!notificationId.startsWith(appointmentId + ":")) {
            throw new IllegalArgumentException(notificationId + " is not a notification of " + appointmentId);
        }
        return notificationId.substring(appointmentId.length() + 1).split(":");
    }

    /** A reminder {@code offset} before the start; {@code forMove} gives it the id of a move's plan. */
    static Notification reminder(Appointment appointment, Channel channel, Duration offset, Instant dueAt,
                                 boolean forMove) {
        String id = reminderIdOf(appointment.id(), channel, offset);
        return scheduled(forMove ? id + ":r" + appointment.revision() : id, appointment, NotificationKind.REMINDER,
                channel, dueAt);
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
                appointment.start(), null, null);
    }

    /**
     * The message on one channel offering the patient time freed from the waitlist, due at once: its id is
     * {@code <offerId>:WAITLIST_OFFER:<CHANNEL>}, its appointment id the offer's id and its appointment start the
     * offered start.
     */
    public static Notification waitlistOffer(String offerId, String patientId, String clinicId, Channel channel,
                                             Instant start, Instant dueAt) {
        return new Notification(idOf(offerId, NotificationKind.WAITLIST_OFFER, channel), offerId, patientId, clinicId,
                NotificationKind.WAITLIST_OFFER, channel, NotificationStatus.SCHEDULED, dueAt, null, null, 0, null,
                null, dueAt, 0, start, null, null);
    }

    /**
     * The {@code number}th invitation of a recall on one channel, due then: its id is
     * {@code <recallId>:RECALL:<CHANNEL>:<number>}, its appointment id the recall's id.
     */
    public static Notification recall(String recallId, String patientId, String clinicId, Channel channel, int number,
                                      Instant dueAt) {
        return new Notification(idOf(recallId, NotificationKind.RECALL, channel) + ":" + number, recallId, patientId,
                clinicId, NotificationKind.RECALL, channel, NotificationStatus.SCHEDULED, dueAt, null, null, 0, null,
                null, dueAt, 0, dueAt, null, null);
    }

    /** Why the reason of a message handed to its provider notes a cancellation that arrived meanwhile. */
    public static final String CANCELLED_WHILE_SENDING = "cancelled while it was being sent";

    /**
     * This outcome, written when a cancellation ({@code cancelReason}) was requested while it was being worked out:
     * a message that went to the provider (SENT, UNKNOWN, FAILED but for want of a contact) keeps that status, its reason noting the
     * cancellation (it cannot be taken back); anything else (a retry, a deferral, a skip) becomes CANCELLED.
     */
    public Notification settledWithCancellation(String cancelReason) {
        boolean handedOver = status == NotificationStatus.SENT || status == NotificationStatus.UNKNOWN
                || status == NotificationStatus.FAILED
                && !(failure != null && Failure.NO_CONTACT.equals(failure.code()));
        if (!handedOver) {
            return with(NotificationStatus.CANCELLED, null, cancelReason, attempts, null, nextAttemptAt, null);
        }
        String note = CANCELLED_WHILE_SENDING + " (" + cancelReason + ")";
        return with(status, sentAt, reason == null ? note : reason + "; " + note, attempts, providerMessageId,
                nextAttemptAt, failure);
    }

    Notification sent(Instant at, String providerId) {
        return sent(at, providerId, attempts + 1);
    }

    Notification sent(Instant at, String providerId, int attemptsMade) {
        return with(NotificationStatus.SENT, at, null, attemptsMade, providerId, nextAttemptAt, null);
    }

    Notification unknown(String why, int attemptsMade) {
        return with(NotificationStatus.UNKNOWN, null, why, attemptsMade, null, nextAttemptAt, null);
    }

    Notification skipped(String why) {
        return with(NotificationStatus.SKIPPED, null, why, attempts, null, nextAttemptAt, null);
    }

    Notification cancelled(String why) {
        return with(NotificationStatus.CANCELLED, null, why, attempts, null, nextAttemptAt, null);
    }

    Notification failed(Failure failure, String why, int attemptsMade) {
        return with(NotificationStatus.FAILED, null, why, attemptsMade, null, nextAttemptAt, failure);
    }

    /** Still scheduled, picked up again at {@code next}. */
    Notification retryAt(Instant next, int attemptsMade, String why) {
        return with(NotificationStatus.SCHEDULED, null, why, attemptsMade, null, next, null);
    }

    private Notification with(NotificationStatus newStatus, Instant newSentAt, String newReason, int newAttempts,
                              String newProviderId, Instant newNextAttemptAt, Failure newFailure) {
        return new Notification(id, appointmentId, patientId, clinicId, kind, channel, newStatus, dueAt, newSentAt,
                newReason, newAttempts, newProviderId, deliveryStatus, newNextAttemptAt, appointmentRevision,
                appointmentStart, deliveredAt, newFailure);
    }
}
