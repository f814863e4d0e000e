package com.clinicbackbone.notification.delivery;

import com.clinicbackbone.notification.contact.Channel;
import java.time.Instant;

/**
 * The delivery log's record of one notification: see the package documentation for what it guarantees.
 *
 * @param notificationId    the notification's id (the log's unique key: reminder or notice, and channel)
 * @param instanceId        the instance that made (or is making) the latest attempt
 * @param attempts          how many times it was handed to the provider
 * @param providerMessageId the provider's message id once it took it
 * @param reason            why it failed, is retried or is UNKNOWN
 * @param providerStatus    the provider's latest delivery status (status callbacks), if any
 * @param providerErrorCode the provider's error code from a callback (undelivered, failed), if any
 */
public record Delivery(String notificationId, Channel channel, DeliveryStatus status, String instanceId,
                       int attempts, String providerMessageId, String reason, ProviderStatus providerStatus,
                       String providerErrorCode, Instant startedAt, Instant updatedAt) {
}
