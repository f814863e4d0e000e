package com.clinicbackbone.notification.notification;

public enum NotificationKind {
    CONFIRMATION, REMINDER, CANCELLATION,
    /** The appointment was moved to a new time (a confirmation of the change). */
    CHANGE,
    /** After a completed visit: the service's aftercare instructions (email only). */
    AFTERCARE,
    /**
     * Freed time offered to a waitlisted patient, held for a few minutes (its "appointment" is the offer): answered Y
     * or N by SMS.
     */
    WAITLIST_OFFER,
    /**
     * An invitation to book what is left of a treatment (a session cancelled and not moved, the treatment after a
     * consultation): its "appointment" is the recall; always waits for the end of quiet hours.
     */
    RECALL
}
