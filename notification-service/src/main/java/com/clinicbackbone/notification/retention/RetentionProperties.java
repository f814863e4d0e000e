package com.clinicbackbone.notification.retention;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

/**
 * {@code notifications.retention.*}: how long finished history stays in the hot collections.
 *
 * @param keepFor        finished notifications (sent, skipped, cancelled, failed, unknown) and their delivery records
 *                       move to the archive collections once both the visit and the message are older than this
 *                       (default 30 days)
 * @param clinics        per clinic (its owner's choice), instead of {@code keepFor}: {@code clinics.<clinicId>: P90D}
 * @param inboundKeepFor inbound SMS log entries (their only remaining use is recognising a webhook Twilio retries,
 *                       which it does within hours) are removed after this (default 7 days), once published
 * @param appointmentsKeepFor the copies of appointments (and their ids in the patient's list) are removed once the
 *                       visit ended longer ago than this (default 400 days, as booking-service archives them; an
 *                       event replayed for an appointment older than that is not expected)
 * @param interval       how often the job runs (default hourly; the first run a minute after start)
 * @param batchSize      documents moved per batch (default 500)
 * @param enabled        false turns the job off (default true)
 */
@ConfigurationProperties("notifications.retention")
public record RetentionProperties(Duration keepFor, Map<String, Duration> clinics, Duration inboundKeepFor,
                                  Duration interval, Integer batchSize, Boolean enabled,
                                  Duration appointmentsKeepFor) {

    @ConstructorBinding
    public RetentionProperties {
        keepFor = keepFor == null ? Duration.ofDays(30) : keepFor;
        clinics = clinics == null ? Map.of() : Map.copyOf(clinics);
        inboundKeepFor = inboundKeepFor == null ? Duration.ofDays(7) : inboundKeepFor;
        interval = interval == null ? Duration.ofHours(1) : interval;
        batchSize = batchSize == null ? 500 : batchSize;
        enabled = enabled == null || enabled;
        appointmentsKeepFor = appointmentsKeepFor == null ? Duration.ofDays(400) : appointmentsKeepFor;
    }

    /** Without a setting for the appointment copies (their default). */
    public RetentionProperties(Duration keepFor, Map<String, Duration> clinics, Duration inboundKeepFor,
                               Duration interval, Integer batchSize, Boolean enabled) {
        this(keepFor, clinics, inboundKeepFor, interval, batchSize, enabled, null);
    }

    /** The defaults. */
    public static RetentionProperties defaults() {
        return new RetentionProperties(null, null, null, null, null, null, null);
    }

    /** How long the clinic's finished notifications stay. */
    public Duration keepFor(String clinicId) {
        return clinics.getOrDefault(clinicId, keepFor);
    }
}
