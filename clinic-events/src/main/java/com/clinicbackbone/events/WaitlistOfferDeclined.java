package com.clinicbackbone.events;

import java.time.Instant;

/**
 * The offer closed without a booking before it expired; the entry waits again for later times and the held time goes
 * to the next entry. Topic {@link Topics#WAITLIST}, key = entry id. Ids and a code only.
 *
 * @param reason {@link #PATIENT} (the patient answered N), {@link #UNDELIVERABLE} (the offer reached the patient on
 *               no channel) or {@link #NOT_BOOKABLE} (the patient said yes but the booking rules refused it)
 */
public record WaitlistOfferDeclined(String entryId, String offerId, String clinicId, String patientId, String reason,
                                    Instant at) {

    public static final String TYPE = "clinic.waitlist.declined.v1";
    public static final String PATIENT = "PATIENT";
    public static final String UNDELIVERABLE = "UNDELIVERABLE";
    public static final String NOT_BOOKABLE = "NOT_BOOKABLE";
}
