package com.clinicbackbone.notification.notification;

public enum NotificationKind {
    CONFIRMATION, REMINDER, CANCELLATION
}
