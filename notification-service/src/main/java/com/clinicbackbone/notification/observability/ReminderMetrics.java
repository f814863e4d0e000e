package com.clinicbackbone.notification.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * The reminder funnel, {@code clinic.reminders{clinic, channel, stage, reason}}: a reminder is {@code scheduled}
 * when planned, then {@code sent} (handed to the provider), {@code delivered} (the provider's status callback),
 * {@code skipped} or {@code failed} (with a reason code); the appointment it reminded of is {@code confirmed} or
 * {@code attended} (checked in or completed), counted once per channel a reminder was sent on. {@code reason} is
 * {@code none} except for skipped and failed; free-text reasons are reduced to a few codes (no ids, no PHI).
 */
public class ReminderMetrics {

    public static final String SCHEDULED = "scheduled";
    public static final String SENT = "sent";
    public static final String DELIVERED = "delivered";
    public static final String CONFIRMED = "confirmed";
    public static final String ATTENDED = "attended";
    public static final String FAILED = "failed";
    public static final String SKIPPED = "skipped";
    static final String NONE = "none";

    private final MeterRegistry registry;

    public ReminderMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Registers the funnel at zero for the clinics and channels, so dashboards show them before any reminder. */
    public void preRegister(Collection<String> clinicIds, Collection<String> channels) {
        for (String clinic : clinicIds) {
            for (String channel : channels) {
                for (String stage : List.of(SCHEDULED, SENT, DELIVERED, CONFIRMED, ATTENDED)) {
                    counter(clinic, channel, stage, NONE);
                }
                counter(clinic, channel, FAILED, "PROVIDER_REJECTED");
                counter(clinic, channel, SKIPPED, "QUIET_HOURS");
                counter(clinic, channel, SKIPPED, "OPTED_OUT");
                for (String outcome : List.of(SENT, SKIPPED, FAILED)) {
                    offerMessages(clinic, channel, outcome);
                }
            }
        }
    }

    /** One more reminder at a stage without reason (scheduled, sent, delivered, confirmed, attended). */
    public void count(String clinic, String channel, String stage) {
        counter(clinic, channel, stage, NONE).increment();
    }

    public void skipped(String clinic, String channel, String reason) {
        counter(clinic, channel, SKIPPED, reasonCode(reason)).increment();
    }

    public void failed(String clinic, String channel, String code) {
        counter(clinic, channel, FAILED, reasonCode(code)).increment();
    }

    /**
     * A waitlist offer's message reached an end on a channel: {@code clinic.waitlist.offer.messages{clinic, channel,
     * outcome}} with outcome {@code sent}, {@code skipped} or {@code failed} (the offers sent).
     */
    public void offerMessage(String clinic, String channel, String outcome) {
        offerMessages(clinic, channel, outcome).increment();
    }

    private Counter offerMessages(String clinic, String channel, String outcome) {
        return Counter.builder("clinic.waitlist.offer.messages")
                .description("Messages offering freed time from the waitlist, by what became of them: sent, skipped,"
                        + " failed")
                .tag("clinic", clinic).tag("channel", channel).tag("outcome", outcome).register(registry);
    }

    /**
     * A reason as a short code: codes (QUIET_HOURS, OPTED_OUT, PROVIDER_REJECTED ...) stay as they are, the
     * dispatcher's sentences become a code too.
     */
    static String reasonCode(String reason) {
        if (reason == null || reason.isBlank()) {
            return "UNKNOWN";
        }
        if (reason.matches("[A-Z][A-Z_]*")) {
            return reason;
        }
        String text = reason.toLowerCase(Locale.ROOT);
        if (text.startsWith("no consent")) {
            return "NO_CONSENT";
        }
        if (text.startsWith("patient does not want")) {
            return "CHANNEL_NOT_WANTED";
        }
        if (text.startsWith("no email address") || text.startsWith("no phone number")) {
            return "NO_ADDRESS";
        }
        if (text.contains("already started") || text.contains("already passed")) {
            return "TOO_LATE";
        }
        return "OTHER";
    }

    private Counter counter(String clinic, String channel, String stage, String reason) {
        return Counter.builder("clinic.reminders")
                .description("The reminder funnel: scheduled, sent, delivered, confirmed, attended, failed, skipped")
                .tag("clinic", clinic)
                .tag("channel", channel)
                .tag("stage", stage)
                .tag("reason", reason)
                .register(registry);
    }
}
