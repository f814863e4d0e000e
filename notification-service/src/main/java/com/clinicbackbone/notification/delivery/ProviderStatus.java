package com.clinicbackbone.notification.delivery;

import java.util.Locale;
import java.util.Optional;

/**
 * The delivery statuses Twilio reports in {@code MessageStatus} for an outbound message, in the order a message
 * goes through them. Callbacks may arrive out of order, so a status never replaces a later one
 * ({@link #stage()}): a late {@code sent} does not undo {@code delivered}.
 */
public enum ProviderStatus {
    ACCEPTED(0), SCHEDULED(0), QUEUED(1), SENDING(2), SENT(3), DELIVERED(4), UNDELIVERED(4), FAILED(4), READ(5),
    CANCELED(4);

    private final int stage;

    ProviderStatus(int stage) {
        this.stage = stage;
    }

    /** How far along the message is; a final status has stage 4 or more. */
    public int stage() {
        return stage;
    }

    /** Twilio's value ({@code delivered}). */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status for Twilio's {@code MessageStatus} value, if it is one of an outbound message. */
    public static Optional<ProviderStatus> of(String value) {
        for (ProviderStatus status : values()) {
            if (status.value().equals(value)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}
