package com.clinicbackbone.events;

import java.time.Instant;

/**
 * Nobody answered the offer in time: the held time is released and goes to the next entry; the entry waits again.
 * Topic {@link Topics#WAITLIST}, key = entry id. Ids only.
 */
public record WaitlistOfferExpired(String entryId, String offerId, String clinicId, String patientId, Instant at) {

    public static final String TYPE = "clinic.waitlist.expired.v1";
}
