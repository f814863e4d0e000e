package com.clinicbackbone.booking.waitlist;

/** Where a waitlist entry stands. */
public enum WaitlistStatus {
    /** Waiting for freed time that matches. */
    WAITING,
    /** Freed time is held for the patient until the offer expires. */
    OFFERED,
    /** The patient said yes; the booking is being made (the sweeper finishes it should this instance stop). */
    ACCEPTING,
    /** The patient took an offer: booked as {@code appointmentId}. */
    BOOKED,
    /** Withdrawn by the patient or the front desk. */
    WITHDRAWN,
    /** Its patient was erased. */
    REMOVED;

    /** Still on the waitlist (waiting, or with an offer open). */
    public boolean isActive() {
        return this == WAITING || this == OFFERED || this == ACCEPTING;
    }
}
