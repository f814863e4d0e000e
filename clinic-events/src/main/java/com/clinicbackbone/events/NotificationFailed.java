package com.clinicbackbone.events;

/**
 * A notification could not be delivered and will not be tried again. Topic {@link Topics#NOTIFICATIONS},
 * key = notification id. Ids and codes only: never an address, a name or the message.
 *
 * @param kind       CONFIRMATION, REMINDER, CANCELLATION, CHANGE
 * @param channel    EMAIL or SMS
 * @param reasonCode PROVIDER_REJECTED, INVALID_ADDRESS, RETRIES_EXHAUSTED or NO_CONTACT
 * @param providerErrorCode the provider's own error code (Twilio's, for example 21610), if it gave one
 */
public record NotificationFailed(String notificationId, String appointmentId, String patientId, String clinicId,
                                 String kind, String channel, String reasonCode, String providerErrorCode,
                                 int attempts) {

    public static final String TYPE = "clinic.notification.failed.v1";
}
