package com.clinicbackbone.notification.notification;

public enum NotificationStatus {
    /** Waiting for its due time (or for the next attempt). */
    SCHEDULED,
    SENT,
    /** Deliberately not sent: the patient does not use the channel, or it was too late to remind. */
    SKIPPED,
    /** Not to be sent any more: the appointment was cancelled, moved or took place before this was sent. */
    CANCELLED,
    /** Given up after retries. */
    FAILED,
    /**
     * Perhaps sent: the instance handing it to the provider stopped before recording the answer. Not sent again
     * (at most once, see the delivery log); the reason says so, for a person to check with the provider.
     */
    UNKNOWN
}
