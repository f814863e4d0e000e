package com.clinicbackbone.events;

import java.time.Instant;

/**
 * The patient answered a waitlist offer by SMS (Y, YES, OUI, O to take it; N, NO, NON to pass), routed to the newest
 * open offer of the number. Topic {@link Topics#NOTIFICATIONS}, key = patient id. Ids only: never the phone number or
 * the text.
 *
 * @param action {@link #ACCEPT} or {@link #DECLINE}
 */
public record WaitlistOfferReplyReceived(String offerId, String entryId, String patientId, String clinicId,
                                         String action, Instant at) {

    public static final String TYPE = "clinic.notification.waitlist-offer-reply-received.v1";
    public static final String ACCEPT = "ACCEPT";
    public static final String DECLINE = "DECLINE";
}
