package com.clinicbackbone.notification.notification.sms;

import com.clinicbackbone.notification.NotificationProperties;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Twilio's request signature ({@code X-Twilio-Signature}): Base64 of the HMAC-SHA1, keyed with the auth token, of
 * the full callback URL followed by every POST parameter sorted by name (case-sensitive, as {@link String}
 * orders them), each name directly followed by its value (a repeated name: each value, in sorted order). The URL
 * is the configured {@code notifications.sms.status-callback-url}, the one Twilio was told to call, not whatever
 * URL the request arrived at (a proxy may have rewritten that).
 */
@Component
public class TwilioSignature {

    private final String authToken;
    private final String callbackUrl;

    @Autowired
    TwilioSignature(NotificationProperties properties) {
        this(properties.sms().authToken(), properties.sms().statusCallbackUrl());
    }

    public TwilioSignature(String authToken, String callbackUrl) {
        this.authToken = authToken;
        this.callbackUrl = callbackUrl;
    }

    /** True when the signature is the one Twilio computes for these POST parameters sent to the callback URL. */
    public boolean verifies(String signature, Map<String, List<String>> postParameters) {
        if (signature == null || signature.isBlank() || authToken == null || callbackUrl == null) {
            return false;
        }
        byte[] expected = compute(authToken, callbackUrl, postParameters).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, signature.trim().getBytes(StandardCharsets.UTF_8));
    }

    public static String compute(String authToken, String url, Map<String, List<String>> postParameters) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(postParameters).forEach((name, values) ->
                values.stream().sorted().forEach(value -> data.append(name).append(value)));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is not available", e);
        }
    }
}
