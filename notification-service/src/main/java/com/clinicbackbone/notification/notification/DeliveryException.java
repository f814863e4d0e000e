package com.clinicbackbone.notification.notification;

import java.time.Duration;

/**
 * A message could not be handed to its provider. The message is stored as the notification's reason, so it
 * must not contain personal data (no addresses, no names).
 */
public class DeliveryException extends RuntimeException {

    private final boolean permanent;
    private final String code;
    private final String providerErrorCode;
    private final Duration retryAfter;
    private boolean outcomeUnknown;

    /**
     * The request may have reached the provider but its answer was lost (the connection broke or timed out after
     * the request was written): trying again could send the message twice, so it is not retried.
     */
    public static DeliveryException outcomeUnknown(String message, Throwable cause) {
        DeliveryException e = new DeliveryException(message, false, cause);
        e.outcomeUnknown = true;
        return e;
    }

    public boolean outcomeUnknown() {
        return outcomeUnknown;
    }

    /** @param permanent true when trying again cannot help (for example the provider rejected the recipient) */
    public DeliveryException(String message, boolean permanent, Throwable cause) {
        this(message, permanent ? Notification.Failure.PROVIDER_REJECTED : null, null, null, permanent, cause);
    }

    /**
     * @param code              why it failed for good ({@link Notification.Failure} codes), null while retrying helps
     * @param providerErrorCode the provider's own error code, if it gave one
     * @param retryAfter        how long the provider asked to wait (Retry-After), if it did
     */
    public DeliveryException(String message, String code, String providerErrorCode, Duration retryAfter,
                             boolean permanent, Throwable cause) {
        super(message, cause);
        this.permanent = permanent;
        this.code = code;
        this.providerErrorCode = providerErrorCode;
        this.retryAfter = retryAfter;
    }

    public boolean isPermanent() {
        return permanent;
    }

    public String code() {
        return code;
    }

    public String providerErrorCode() {
        return providerErrorCode;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
