package com.clinicbackbone.notification;

import java.time.ZoneId;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** The {@code notifications.*} settings; their defaults are in application.yml. */
@ConfigurationProperties("notifications")
public record NotificationProperties(Map<String, ClinicSettings> clinics, Email email, Sms sms,
                                     Map<String, Map<String, AftercareText>> aftercare) {

    public NotificationProperties {
        clinics = clinics == null ? Map.of() : Map.copyOf(clinics);
        aftercare = aftercare == null ? Map.of() : Map.copyOf(aftercare);
    }

    /** Aftercare instructions of one service at one clinic ({@code aftercare.<clinicId>.<serviceId>}). */
    public record AftercareText(String en, String fr) {
    }

    /** Per clinic; every field may be left out ({@code bookingUrl}: where its patients book online). */
    public record ClinicSettings(String name, ZoneId timeZone, String smsSenderAlias, String bookingUrl) {
    }

    public record Email(String from) {
    }

    public record Sms(String baseUrl, String accountSid, String authToken, String from, String statusCallbackUrl) {
    }
}
