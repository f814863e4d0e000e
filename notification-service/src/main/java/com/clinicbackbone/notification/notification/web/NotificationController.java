package com.clinicbackbone.notification.notification.web;

import com.clinicbackbone.notification.appointment.Appointment;
import com.clinicbackbone.notification.appointment.Appointments;
import com.clinicbackbone.notification.notification.Notification;
import com.clinicbackbone.notification.notification.Notifications;
import com.clinicbackbone.security.Caller;
import com.clinicbackbone.security.Role;
import com.clinicbackbone.security.apidocs.ProblemResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/notifications?appointmentId=...} or {@code ?patientId=...}: the notifications the caller may
 * see, by due time. A front desk sees those of its clinics, a practitioner those of their own appointments (at
 * any clinic), a patient their own; operators and auditors are refused (403). What the caller may not see is
 * left out, so an appointment or patient of someone else answers an empty list, exactly like an unknown one.
 */
@Tag(name = "Notifications", description = "The messages sent for appointments: confirmations, reminders, notices.")
@RestController
class NotificationController {

    private final Notifications notifications;
    private final Appointments appointments;

    NotificationController(Notifications notifications, Appointments appointments) {
        this.notifications = notifications;
        this.appointments = appointments;
    }

    @Operation(summary = "List the messages of an appointment or a patient", description = """
            Give `appointmentId` or `patientId` (400 without either): kind, channel, status, when due, sent and \
            delivered, why skipped or failed, attempts. Those the caller may not see are left out.

            **Roles:** FRONT_DESK (its clinics), PRACTITIONER (their own appointments), PATIENT (their own).""")
    @ProblemResponses(403)
    @GetMapping("/api/notifications")
    List<NotificationView> find(Caller caller, @RequestParam(required = false) String appointmentId,
                                @RequestParam(required = false) String patientId) {
        Predicate<Notification> visible = visibleTo(caller);
        String appointment = blankToNull(appointmentId);
        String patient = blankToNull(patientId);
        if (appointment == null && patient == null) {
            throw new MissingFilterException();
        }
        return notifications.find(appointment, patient).stream().filter(visible).map(NotificationView::of).toList();
    }

    private Predicate<Notification> visibleTo(Caller caller) {
        if (caller.is(Role.FRONT_DESK)) {
            return notification -> caller.clinicIds().contains(notification.clinicId());
        }
        if (caller.is(Role.PATIENT)) {
            return notification -> caller.isPatient(notification.patientId());
        }
        if (caller.is(Role.PRACTITIONER)) {
            Map<String, Boolean> ownAppointment = new HashMap<>();
            return notification -> ownAppointment.computeIfAbsent(notification.appointmentId(),
                    id -> practitionerOf(id).map(caller::isPractitioner).orElse(false));
        }
        throw new AccessDeniedException("notifications are not for the " + caller.role() + " role");
    }

    private Optional<String> practitionerOf(String appointmentId) {
        return appointments.find(appointmentId).map(Appointment::practitionerId);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    record NotificationView(String id, String appointmentId, String patientId, String clinicId, String kind,
                            String channel, String status, Instant dueAt, Instant sentAt, Instant deliveredAt,
                            String reason, String failureCode, int attempts, String deliveryStatus) {

        static NotificationView of(Notification n) {
            return new NotificationView(n.id(), n.appointmentId(), n.patientId(), n.clinicId(), n.kind().name(),
                    n.channel().name(), n.status().name(), n.dueAt(), n.sentAt(), n.deliveredAt(), n.reason(),
                    n.failure() == null ? null : n.failure().code(), n.attempts(),
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
