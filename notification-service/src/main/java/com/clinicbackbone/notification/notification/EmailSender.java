package com.clinicbackbone.notification.notification;

/** The email channel (port). */
public interface EmailSender {

    /**
     * Hands the email to the mail server.
     *
     * @return the provider's message id
     * @throws DeliveryException when it could not be handed over
     */
    String send(EmailMessage message);
}
