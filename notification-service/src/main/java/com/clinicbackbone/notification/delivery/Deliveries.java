package com.clinicbackbone.notification.delivery;

import com.clinicbackbone.notification.contact.Channel;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

/** The delivery log (port); every write is conditional, so concurrent instances cannot both send. */
public interface Deliveries {

    /**
     * Records that {@code instanceId} is about to hand the notification to its provider: inserts the record
     * (SENDING, attempt 1), or, when an earlier attempt was not taken by the provider (RETRY), turns it SENDING
     * with the attempt counted. The caller may call the provider only when this answers {@link Start#go()}.
     */
    Start begin(String notificationId, Channel channel, String instanceId, Instant at);

    /** The provider took attempt {@code attempt} and answered with its message id. */
    void sent(String notificationId, int attempt, String providerMessageId, Instant at);

    /** The provider did not take attempt {@code attempt} (429, 5xx): a later attempt may begin. */
    void retry(String notificationId, int attempt, String reason, Instant at);

    /** Attempt {@code attempt} failed for good. */
    void failed(String notificationId, int attempt, String reason, Instant at);

    /**
     * Marks a record left SENDING by an instance that stopped (its lease on the notification expired) UNKNOWN with
     * the reason; returns the record as it is afterwards (another outcome may have been written meanwhile).
     */
    Optional<Delivery> markUnknown(String notificationId, int attempt, String reason, Instant at);

    /**
     * Records the provider's delivery status for the message with that provider id unless a later status is
     * already recorded; answers the updated record and the status it held before, empty when no such message is
     * logged or the status is older.
     */
    Optional<StatusRecorded> recordProviderStatus(String providerMessageId, ProviderStatus status, String errorCode,
                                                  Instant at);

    /**
     * A provider status recorded.
     *
     * @param delivery the record as it is now
     * @param before   the provider status it held before (null for none)
     */
    record StatusRecorded(Delivery delivery, ProviderStatus before) {
    }

    Optional<Delivery> find(String notificationId);

    /**
     * Stores finished records as they are (history brought in from elsewhere, e.g. the benchmark's past year);
     * records already there are left as they are.
     */
    void addAll(Collection<Delivery> finished);

    /**
     * What {@link #begin} found.
     *
     * @param go       true: this instance owns the attempt and may call the provider
     * @param attempt  the attempt number it owns (when {@code go})
     * @param existing the record someone else holds (when not {@code go})
     */
    record Start(boolean go, int attempt, Delivery existing) {

        public static Start go(int attempt) {
            return new Start(true, attempt, null);
        }

        public static Start taken(Delivery existing) {
            return new Start(false, 0, existing);
        }
    }
}
