package com.clinicbackbone.notification.retention;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code notifications.retention.*}: how long finished history stays in the hot collections.
 *
 * @param keepFor        finished notifications (sent, skipped, cancelled, failed, unknown) and their delivery records
 *                       move to the archive collections once both the visit and the message are older than this
 *                       (default 30 days)
 * @param clinics        per clinic (its owner's choice), instead of {@code keepFor}: {@code clinics.<clinicId>: P90D}
 * @param inboundKeepFor inbound SMS log entries (their only remaining use is recognising a webhook Twilio retries,
 *                       which it does within hours) are removed after this (default 7 days), once published
 * @param interval       how often the job runs (default hourly; the first run a minute after start)
 * @param batchSize      documents moved per batch (default 500)
 * @param enabled        false turns the job off (default true)
 */
@ConfigurationProperties("notifications.retention")
public record RetentionProperties(Duration keepFor, Map<String, Duration> clinics, Duration inboundKeepFor,
                                  Duration interval, Integer batchSize, Boolean enabled) {

    public RetentionProperties {
        keepFor = keepFor == null ? Duration.ofDays(30) : keepFor;
        clinics = clinics == null ? Map.of() : Map.copyOf(clinics);
        inboundKeepFor = inboundKeepFor == null ? Duration.ofDays(7) : inboundKeepFor;
        interval = interval == null ? Duration.ofHours(1) : interval;
        batchSize = batchSize == null ? 500 : batchSize;
        enabled = enabled == null || enabled;
    }

    /** The defaults. */
    public static RetentionProperties defaults() {
        return new RetentionProperties(null, null, null, null, null, null);
    }

    /** How long the clinic's finished notifications stay. */
    public Duration keepFor(String clinicId) {
        return clinics.getOrDefault(clinicId, keepFor);
    }
}
