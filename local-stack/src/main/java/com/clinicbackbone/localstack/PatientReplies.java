package com.clinicbackbone.localstack;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The patient side of the SMS sink ({@code POST /reply}): calls the inbound webhook as Twilio does (its inbound form
 * fields, signed with the auth token of the last message sent through the sink) and adds the patient's message and
 * the webhook's TwiML answer to the inbox.
 */
final class PatientReplies {

    private static final Logger log = LoggerFactory.getLogger(PatientReplies.class);
    private static final Pattern TWIML_MESSAGE = Pattern.compile("<Message>(.*?)</Message>", Pattern.DOTALL);

    private final String inboundWebhookUrl;
    private final Inbox inbox;
    private final Clock clock;
    private final HttpClient client;
    private volatile Credentials credentials;

    private record Credentials(String accountSid, String authToken) {
    }

    PatientReplies(String inboundWebhookUrl, Inbox inbox, Clock clock, HttpClient client) {
        this.inboundWebhookUrl = inboundWebhookUrl;
        this.inbox = inbox;
        this.clock = clock;
        this.client = client;
    }

    /** Replies are signed as this account from now on: the one the last message was sent through. */
    void signAs(String accountSid, String authToken) {
        credentials = new Credentials(accountSid, authToken);
    }

    /**
     * The patient answers an SMS: the inbound webhook hears it as from Twilio; the patient's message and the
     * webhook's answer (the TwiML {@code <Message>}, if any) join the inbox; then back to the page.
     */
    void reply(HttpExchange exchange) throws IOException {
        Map<String, String> form = SmsSink.parseForm(exchange.getRequestBody());
        String patient = form.get("from");
        String clinic = form.get("to");
        String body = form.get("body");
        Credentials signer = credentials;
        if (signer == null) {
            SmsSink.send(exchange, 409, "text/plain", "No SMS was sent through the sink since it started: the account"
                    + " and auth token that sign a reply are not known yet.");
            return;
        }
        if (SmsSink.isBlank(patient) || !SmsSink.E164.matcher(patient).matches() || SmsSink.isBlank(clinic)
                || SmsSink.isBlank(body)) {
            SmsSink.send(exchange, 400, "text/plain", "from (E.164), to and body are required.");
            return;
        }
        Instant now = clock.instant();
        String sid = SmsSink.newSid();
        Map<String, String> params = new TreeMap<>();
        params.put("AccountSid", signer.accountSid());
        params.put("ApiVersion", SmsSink.API_VERSION);
        params.put("Body", body);
        params.put("From", patient);
        params.put("MessageSid", sid);
        params.put("NumMedia", "0");
        params.put("NumSegments", String.valueOf(SmsSink.segments(body)));
        params.put("SmsMessageSid", sid);
        params.put("SmsSid", sid);
        params.put("SmsStatus", "received");
        params.put("To", clinic);
        inbox.add(new CapturedSms(sid, clinic, patient, body, "received", now));
        String answer = callWebhook(sid, signer, params);
        if (answer != null) {
            inbox.add(new CapturedSms(SmsSink.newSid(), patient, clinic, answer, "delivered", clock.instant()));
        }
        exchange.getResponseHeaders().set("Location", "/");
        exchange.sendResponseHeaders(303, -1);
    }

    /** The webhook's TwiML answer text, or null when it failed or had none. */
    private String callWebhook(String sid, Credentials signer, Map<String, String> params) {
        try {
            HttpResponse<String> response = client.send(
                    TwilioSignature.signedFormPost(inboundWebhookUrl, signer.authToken(), params),
                    HttpResponse.BodyHandlers.ofString());
            log.info("Inbound webhook for {} answered {}", sid, response.statusCode());
            return response.statusCode() == 200 ? twimlMessage(response.body()) : null;
        } catch (IOException | IllegalArgumentException e) {
            log.info("Inbound webhook for {} failed: {}", sid, e.toString());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The text of a TwiML answer's {@code <Message>}, unescaped; null when it has none. */
    static String twimlMessage(String twiml) {
        Matcher message = TWIML_MESSAGE.matcher(twiml == null ? "" : twiml);
        if (!message.find()) {
            return null;
        }
        Matcher entity = Pattern.compile("&(#\\d+|#x[0-9a-fA-F]+|lt|gt|amp|quot|apos);").matcher(message.group(1));
        StringBuilder text = new StringBuilder();
        while (entity.find()) {
            String name = entity.group(1);
            String replacement = switch (name) {
                case "lt" -> "<";
                case "gt" -> ">";
                case "amp" -> "&";
                case "quot" -> "\"";
                case "apos" -> "'";
                default -> new String(Character.toChars(name.startsWith("#x")
                        ? Integer.parseInt(name.substring(2), 16) : Integer.parseInt(name.substring(1))));
            };
            entity.appendReplacement(text, Matcher.quoteReplacement(replacement));
        }
        return entity.appendTail(text).toString();
    }
}
