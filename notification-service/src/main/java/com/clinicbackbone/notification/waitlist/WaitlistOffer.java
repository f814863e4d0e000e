package com.clinicbackbone.notification.waitlist;

import java.time.Instant;

/**
 * This service's copy of a waitlist offer (ids and times, as the offered event tells): what the patient's Y or N by
 * SMS answers, and whether its messages may still go out.
 */
public record WaitlistOffer(String offerId, String entryId, String patientId, String clinicId, Instant start,
                            Instant end, Instant expiresAt, Instant offeredAt) {

    /** Open at {@code now}: not expired (closing is kept apart, see {@link WaitlistOffers}). */
    public boolean openAt(Instant now) {
        return now.isBefore(expiresAt);
    }
}
