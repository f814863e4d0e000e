package com.clinicbackbone.notification.notification.web;

import com.clinicbackbone.notification.delivery.Deliveries;
import com.clinicbackbone.notification.delivery.ProviderStatus;
import com.clinicbackbone.notification.notification.Notifications;
import com.clinicbackbone.notification.notification.sms.TwilioSignature;
import com.clinicbackbone.security.apidocs.ProblemResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Twilio's status callback ({@code StatusCallback} of every SMS): a form POST with {@code MessageSid} and
 * {@code MessageStatus} (queued, sending, sent, delivered, undelivered, failed; also accepted, scheduled, read,
 * canceled) and, for undelivered and failed, {@code ErrorCode}. The status goes into the delivery log's record of
 * the message (found by the message id, a unique key) and then into its notification's {@code deliveryStatus}
 * (by the notification id the record names): three key lookups. Callbacks can arrive out of order, so a status
 * never replaces a later one ({@link ProviderStatus#stage()}). A status Twilio does not document for outbound
 * messages is acknowledged and ignored (logged), so Twilio does not keep calling. It carries no bearer token: it is authenticated by Twilio's {@code X-Twilio-Signature}
 * (see {@link TwilioSignature}); without a valid one it is refused with 403 before anything is read or stored.
 */
@Tag(name = "SMS provider webhooks", description = "Twilio's calls: delivery status callbacks and the patients' replies.")
@RestController
class SmsStatusController {

    static final String SIGNATURE_HEADER = "X-Twilio-Signature";
    private static final Logger log = LoggerFactory.getLogger(SmsStatusController.class);

    private final Notifications notifications;
    private final Deliveries deliveries;
    private final TwilioSignature signature;
    private final Clock clock;

    SmsStatusController(Notifications notifications, Deliveries deliveries, TwilioSignature signature, Clock clock) {
        this.notifications = notifications;
        this.deliveries = deliveries;
        this.signature = signature;
        this.clock = clock;
    }

    @Operation(summary = "Receive an SMS delivery status", description = """
            Twilio's status callback (form fields `MessageSid`, `MessageStatus`, `ErrorCode` ...), refused with \
            403 and nothing read unless `X-Twilio-Signature` verifies. An unknown status is ignored (204).""")
    @ApiResponse(responseCode = "204", description = "Recorded (or ignored).")
    @ApiResponse(responseCode = "403", description = "No valid `X-Twilio-Signature`; nothing was read or stored.")
    @PostMapping(path = "/api/sms/status", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<Void> status(@RequestHeader(name = SIGNATURE_HEADER, required = false) String twilioSignature,
                                HttpServletRequest request) {
        Map<String, List<String>> form = TwilioForm.postParameters(request);
        if (!signature.verifies(twilioSignature, form)) {
            log.warn("SMS status callback refused: {} signature", twilioSignature == null ? "no" : "invalid");
            throw new InvalidSignatureException();
        }
        String messageSid = TwilioForm.first(form, "MessageSid");
        String messageStatus = TwilioForm.first(form, "MessageStatus");
        List<String> missing = new ArrayList<>();
        if (messageSid == null) {
            missing.add("MessageSid");
        }
        if (messageStatus == null) {
            missing.add("MessageStatus");
        }
        if (!missing.isEmpty()) {
            throw new MissingCallbackFieldsException(missing);
        }
        Optional<ProviderStatus> status = ProviderStatus.of(messageStatus);
        if (status.isEmpty()) {
            log.info("SMS status callback for {} ignored: status {} not known", messageSid,
                    messageStatus.length() > 20 ? messageStatus.substring(0, 20) : messageStatus);
            return ResponseEntity.noContent().build();
        }
        Instant at = clock.instant();
        deliveries.recordProviderStatus(messageSid, status.get(), TwilioForm.first(form, "ErrorCode"), at)
                .ifPresent(recorded -> notifications.recordDeliveryStatus(recorded.delivery().notificationId(),
                        recorded.before(), status.get(), at));
        return ResponseEntity.noContent().build();
    }

    /** The callback's X-Twilio-Signature is missing or does not match. */
    static class InvalidSignatureException extends RuntimeException {
        InvalidSignatureException() {
            super("missing or invalid X-Twilio-Signature");
        }
    }

    /** A correctly signed callback without MessageSid or MessageStatus. */
    static class MissingCallbackFieldsException extends RuntimeException {
        final List<String> fields;

        MissingCallbackFieldsException(List<String> fields) {
            super(String.join(" and ", fields) + " required");
            this.fields = List.copyOf(fields);
        }
    }
}
