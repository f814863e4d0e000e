package com.clinicbackbone.system;

import com.clinicbackbone.localstack.TwilioSignature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Twilio's inbound message webhook as the provider calls it when a patient answers an SMS: a form POST with
 * Twilio's fields, signed ({@code X-Twilio-Signature}) with an auth token over the URL the service is configured to
 * be called at, which need not be the URL the request is sent to (behind a proxy it is not).
 */
final class TwilioInbound {

    /**
     * What notification-service is configured with, its application.yml defaults, which {@link Backbone} keeps:
     * {@code notifications.sms.auth-token}, {@code notifications.sms.inbound-url}, {@code notifications.sms.from}.
     */
    static final String AUTH_TOKEN = "demo-token";
    static final String SIGNED_URL = "http://127.0.0.1:8083/api/sms/inbound";
    static final String CLINIC_NUMBER = "+15875550100";
    static final String ACCOUNT_SID = "AC00000000000000000000000000000000";

    private final HttpClient client = HttpClient.newHttpClient();
    private final String postUrl;

    /** The service's answer: TwiML on 200, a problem otherwise. */
    record Answer(int status, String body) {
    }

    TwilioInbound(String postUrl) {
        this.postUrl = postUrl;
    }

    /** The patient at {@code from} sends {@code body}, signed as the provider signs it. */
    Answer reply(String from, String body) {
        return reply(from, body, AUTH_TOKEN);
    }

    /** As {@link #reply(String, String)}, signed with the given auth token (a wrong one makes a forged request). */
    Answer reply(String from, String body, String authToken) {
        String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
        TreeMap<String, String> form = new TreeMap<>(Map.of("AccountSid", ACCOUNT_SID, "ApiVersion", "2010-04-01",
                "Body", body, "From", from, "MessageSid", sid, "NumMedia", "0", "SmsMessageSid", sid,
                "SmsSid", sid, "SmsStatus", "received", "To", CLINIC_NUMBER));
        String encoded = form.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(postUrl))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", TwilioSignature.of(authToken, SIGNED_URL, form))
                .POST(HttpRequest.BodyPublishers.ofString(encoded))
                .build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            Http.checkContract(request, encoded, response);
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
