package com.clinicbackbone.notification.notification;

/** The SMS channel (port). */
public interface SmsSender {

    /**
     * Hands the SMS to the provider.
     *
     * @return the provider's message id
     * @throws DeliveryException when it could not be handed over
     */
    String send(SmsMessage message);
}
