package com.clinicbackbone.localstack;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** How Twilio signs the webhooks it calls (status callbacks, inbound messages): {@code X-Twilio-Signature}. */
public final class TwilioSignature {

    private TwilioSignature() {
    }

    /** Twilio's request signature: HMAC-SHA1 (key: auth token) of the URL followed by the sorted parameters. */
    public static String of(String authToken, String url, Map<String, String> sortedParams) {
        StringBuilder data = new StringBuilder(url);
        sortedParams.forEach((key, value) -> data.append(key).append(value));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The sorted parameters as a form POST to the URL, signed with the auth token. */
    static HttpRequest signedFormPost(String url, String authToken, Map<String, String> sortedParams) {
        String form = sortedParams.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", of(authToken, url, sortedParams))
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
