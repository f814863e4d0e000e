package com.clinicbackbone.notification;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** The {@code notifications.*} settings; their defaults are in application.yml. */
@ConfigurationProperties("notifications")
public record NotificationProperties(Map<String, ClinicSettings> clinics, Email email, Sms sms) {

    public NotificationProperties {
        clinics = clinics == null ? Map.of() : Map.copyOf(clinics);
    }

    /** Per clinic; every field may be left out. */
    public record ClinicSettings(String name, ZoneId timeZone, String smsSenderAlias, Duration reminderOffset) {
    }

    public record Email(String from) {
    }

    public record Sms(String baseUrl, String accountSid, String authToken, String from, String statusCallbackUrl) {
    }
}
