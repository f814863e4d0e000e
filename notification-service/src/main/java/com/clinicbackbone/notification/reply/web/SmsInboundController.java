package com.clinicbackbone.notification.reply.web;

import com.clinicbackbone.notification.NotificationProperties;
import com.clinicbackbone.notification.notification.sms.TwilioSignature;
import com.clinicbackbone.notification.notification.web.TwilioForm;
import com.clinicbackbone.notification.reply.InboundReplies;
import com.clinicbackbone.notification.reply.InboundSms;
import com.clinicbackbone.security.apidocs.ProblemResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * Twilio's inbound message webhook: a form POST (From, To, Body, MessageSid, AccountSid, NumMedia ...) for every
 * SMS a patient sends to the clinic's number, answered with TwiML ({@code <Response><Message>..</Message></Response>}
 * or an empty {@code <Response/>}). No bearer token: the request must carry Twilio's {@code X-Twilio-Signature}
 * over {@code notifications.sms.inbound-url} (the URL Twilio is configured to call) and the POST parameters,
 * otherwise it is refused with 403 before anything is read or stored. Never logs the number or the text.
 */
@Tag(name = "SMS provider webhooks")
@RestController
class SmsInboundController {

    static final String SIGNATURE_HEADER = "X-Twilio-Signature";
    private static final Logger log = LoggerFactory.getLogger(SmsInboundController.class);

    private final InboundReplies replies;
    private final TwilioSignature signature;

    SmsInboundController(InboundReplies replies, NotificationProperties properties,
                         @Value("${notifications.sms.inbound-url}") String inboundUrl) {
        this.replies = replies;
        this.signature = new TwilioSignature(properties.sms().authToken(), inboundUrl);
    }

    @Operation(summary = "Receive a patient's SMS", description = """
            Twilio's inbound message webhook (form fields `From`, `To`, `Body`, `MessageSid` ...), refused with 403 \
            and nothing changed unless `X-Twilio-Signature` verifies over `notifications.sms.inbound-url`. The first \
            word decides: STOP (and its synonyms) opts the number out of SMS, START opts in again, C / YES / OUI \
            confirms and X / NO / NON asks to cancel the next appointment, Y / O / N answer an open waitlist offer; \
            anything else gets a help text. Each `MessageSid` is handled once.""")
    @ApiResponse(responseCode = "200", description = """
            TwiML: `<Response><Message>..</Message></Response>`, or `<Response/>` when nothing is to be answered.""",
            content = @Content(mediaType = "application/xml", schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "403", description = "No valid `X-Twilio-Signature`; nothing changed.")
    @PostMapping(path = "/api/sms/inbound", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
            produces = MediaType.APPLICATION_XML_VALUE)
    ResponseEntity<String> inbound(@RequestHeader(name = SIGNATURE_HEADER, required = false) String twilioSignature,
                                   HttpServletRequest request) {
        Map<String, List<String>> form = TwilioForm.postParameters(request);
        if (!signature.verifies(twilioSignature, form)) {
            log.warn("Inbound SMS refused: {} signature", twilioSignature == null ? "no" : "invalid");
            throw new InvalidSignatureException();
        }
        String messageSid = TwilioForm.first(form, "MessageSid");
        String from = TwilioForm.first(form, "From");
        List<String> missing = new ArrayList<>();
        if (messageSid == null) {
            missing.add("MessageSid");
        }
        if (from == null) {
            missing.add("From");
        }
        if (!missing.isEmpty()) {
            throw new MissingFieldsException(missing);
        }
        Optional<String> answer = replies.handle(new InboundSms(messageSid, from.strip(),
                TwilioForm.first(form, "Body")));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_XML).body(twiml(answer));
    }

    static String twiml(Optional<String> message) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + message
                .map(text -> "<Response><Message>" + HtmlUtils.htmlEscape(text, "UTF-8") + "</Message></Response>")
                .orElse("<Response/>");
    }

    @ExceptionHandler(InvalidSignatureException.class)
    ResponseEntity<ProblemDetail> invalidSignature() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
                "The request does not carry a valid X-Twilio-Signature for the configured inbound URL.");
        problem.setTitle("Invalid signature");
        return ResponseEntity.status(HttpStatus.FORBIDDEN).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    @ExceptionHandler(MissingFieldsException.class)
    ResponseEntity<ProblemDetail> missingFields(MissingFieldsException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage() + ".");
        problem.setTitle("Missing webhook fields");
        problem.setProperty("errors", e.fields.stream()
                .map(field -> Map.of("field", field, "message", field + " is required")).toList());
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /** The webhook's X-Twilio-Signature is missing or does not match. */
    static class InvalidSignatureException extends RuntimeException {
        InvalidSignatureException() {
            super("missing or invalid X-Twilio-Signature");
        }
    }

    /** A correctly signed webhook without MessageSid or From. */
    static class MissingFieldsException extends RuntimeException {
        final List<String> fields;

        MissingFieldsException(List<String> fields) {
            super(String.join(" and ", fields) + " required");
            this.fields = List.copyOf(fields);
        }
    }
}
