package com.clinicbackbone.notification.notification.web;

import com.clinicbackbone.notification.notification.Notifications;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Twilio's status callback ({@code StatusCallback} of every SMS): a form POST with {@code MessageSid} and
 * {@code MessageStatus} (queued, sent, delivered, undelivered, failed), kept as the notification's
 * {@code deliveryStatus}.
 */
@RestController
class SmsStatusController {

    private final Notifications notifications;

    SmsStatusController(Notifications notifications) {
        this.notifications = notifications;
    }

    @PostMapping(path = "/api/sms/status", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<Void> status(@RequestParam("MessageSid") String messageSid,
                                @RequestParam("MessageStatus") String messageStatus) {
        notifications.recordDeliveryStatus(messageSid, messageStatus);
        return ResponseEntity.noContent().build();
    }
}
