package com.clinicbackbone.notification.notification;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/**
 * What the dispatcher asks of the waitlist feature about the messages offering freed time
 * ({@link NotificationKind#WAITLIST_OFFER}); {@link #NONE} knows no offer.
 */
public interface OfferNotices {

    OfferNotices NONE = new OfferNotices() {
        @Override
        public Map<String, Instant> openUntil(Collection<Notification> offerMessages) {
            return Map.of();
        }

        @Override
        public void notReached(Notification outcome) {
        }
    };

    /**
     * Of the offers these messages are about (their appointment id is the offer's), those still open, with when each
     * expires; an offer closed (answered, expired, withdrawn) or unknown is absent.
     */
    Map<String, Instant> openUntil(Collection<Notification> offerMessages);

    /** An offer's message ended without reaching the patient (skipped or failed) on its channel. */
    void notReached(Notification outcome);
}
