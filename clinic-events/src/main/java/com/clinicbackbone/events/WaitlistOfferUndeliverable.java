package com.clinicbackbone.events;

import java.time.Instant;
import java.util.Map;

/**
 * A waitlist offer reached the patient on no channel (each was skipped or failed: no consent, opted out, quiet hours,
 * provider refusal ...): booking-service releases the held time for the next entry. Topic {@link Topics#NOTIFICATIONS},
 * key = patient id. Ids and codes only.
 *
 * @param channels what became of each channel's message (EMAIL, SMS → SKIPPED, FAILED, CANCELLED)
 */
public record WaitlistOfferUndeliverable(String offerId, String entryId, String patientId, String clinicId,
                                         Map<String, String> channels, Instant at) {

    public static final String TYPE = "clinic.notification.waitlist-offer-undeliverable.v1";
}
