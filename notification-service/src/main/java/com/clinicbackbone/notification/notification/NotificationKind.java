package com.clinicbackbone.notification.notification;

public enum NotificationKind {
    CONFIRMATION, REMINDER, CANCELLATION,
    /** The appointment was moved to a new time (a confirmation of the change). */
    CHANGE,
    /** After a completed visit: the service's aftercare instructions (email only). */
    AFTERCARE
}
