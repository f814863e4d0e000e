package com.clinicbackbone.events;

import java.time.Instant;

/**
 * The entry left the waitlist without a booking: withdrawn by the patient or the front desk, or its patient was
 * erased. An offer open at that moment ({@code offerId}, else null) is closed with it. Topic {@link Topics#WAITLIST},
 * key = entry id. Ids and a code only.
 *
 * @param reason {@link #WITHDRAWN} or {@link #PATIENT_ERASED}
 */
public record WaitlistEntryWithdrawn(String entryId, String offerId, String clinicId, String patientId,
                                     String reason, Instant at) {

    public static final String TYPE = "clinic.waitlist.withdrawn.v1";
    public static final String WITHDRAWN = "WITHDRAWN";
    public static final String PATIENT_ERASED = "PATIENT_ERASED";
}
