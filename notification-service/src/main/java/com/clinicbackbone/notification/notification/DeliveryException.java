package com.clinicbackbone.notification.notification;

/**
 * A message could not be handed to its provider. The message is stored as the notification's reason, so it
 * must not contain personal data (no addresses, no names).
 */
public class DeliveryException extends RuntimeException {

    private final boolean permanent;

    /** @param permanent true when trying again cannot help (for example the provider rejected the recipient) */
    public DeliveryException(String message, boolean permanent, Throwable cause) {
        super(message, cause);
        this.permanent = permanent;
    }

    public boolean isPermanent() {
        return permanent;
    }
}
