package com.clinicbackbone.web.desk;

import java.time.Instant;

/** One message on one channel for an appointment, as notification-service lists it, with its delivery status. */
public record Notification(String id, String appointmentId, String kind, String channel, String status,
                           Instant dueAt, Instant sentAt, Instant deliveredAt, String reason, String failureCode,
                           int attempts, String deliveryStatus) {
}
