package com.clinicbackbone.events;

import java.time.Instant;

/**
 * The patient took the offered time: it is booked as {@code appointmentId} (its {@link AppointmentBooked} goes out on
 * {@link Topics#APPOINTMENTS} as for any booking) and the entry is BOOKED. Topic {@link Topics#WAITLIST}, key = entry
 * id. Ids only.
 */
public record WaitlistOfferAccepted(String entryId, String offerId, String clinicId, String patientId,
                                    String appointmentId, Instant at) {

    public static final String TYPE = "clinic.waitlist.accepted.v1";
}
