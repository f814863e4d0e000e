package com.clinicbackbone.events;

import java.time.Instant;

/**
 * Freed time is held for a waitlisted patient until {@code expiresAt}: notification-service tells the patient (SMS
 * and/or email), who answers Y or N ({@link WaitlistOfferReplyReceived}). Topic {@link Topics#WAITLIST}, key = entry
 * id. Ids and times only.
 *
 * @param offerId   the offer; also the id the appointment gets when the patient takes it
 * @param offeredAt when the time was held
 */
public record WaitlistOfferMade(String entryId, String offerId, String clinicId, String serviceId,
                                String practitionerId, String patientId, Instant start, Instant end,
                                Instant expiresAt, Instant offeredAt) {

    public static final String TYPE = "clinic.waitlist.offered.v1";
}
