package com.clinicbackbone.notification.notification.web;

import com.clinicbackbone.notification.notification.Notification;
import com.clinicbackbone.notification.notification.Notifications;
import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/notifications?appointmentId=...} or {@code ?patientId=...}: the notifications, by due time. */
@RestController
class NotificationController {

    private final Notifications notifications;

    NotificationController(Notifications notifications) {
        this.notifications = notifications;
    }

    @GetMapping("/api/notifications")
    List<NotificationView> find(@RequestParam(required = false) String appointmentId,
                                @RequestParam(required = false) String patientId) {
        String appointment = blankToNull(appointmentId);
        String patient = blankToNull(patientId);
        if (appointment == null && patient == null) {
            throw new MissingFilterException();
        }
        return notifications.find(appointment, patient).stream().map(NotificationView::of).toList();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    record NotificationView(String id, String appointmentId, String patientId, String clinicId, String kind,
                            String channel, String status, Instant dueAt, Instant sentAt, String reason,
                            int attempts, String deliveryStatus) {

        static NotificationView of(Notification n) {
            return new NotificationView(n.id(), n.appointmentId(), n.patientId(), n.clinicId(), n.kind().name(),
                    n.channel().name(), n.status().name(), n.dueAt(), n.sentAt(), n.reason(), n.attempts(),
                    n.deliveryStatus());
        }
    }

    /** Neither {@code appointmentId} nor {@code patientId} was given. */
    static class MissingFilterException extends RuntimeException {
        MissingFilterException() {
            super("appointmentId or patientId is required");
        }
    }
}
