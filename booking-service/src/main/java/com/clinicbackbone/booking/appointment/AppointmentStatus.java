package com.clinicbackbone.booking.appointment;

/**
 * Where an appointment stands. BOOKED → CONFIRMED (the patient confirmed) → CHECKED_IN → COMPLETED; BOOKED or
 * CONFIRMED may instead end CANCELLED or NO_SHOW.
 */
public enum AppointmentStatus {
    BOOKED,
    CONFIRMED,
    CHECKED_IN,
    COMPLETED,
    CANCELLED,
    NO_SHOW;

    /** Still ahead and changeable: it can be confirmed, cancelled, rescheduled or checked in. */
    public boolean isUpcoming() {
        return this == BOOKED || this == CONFIRMED;
    }

    /**
     * Whether the appointment keeps its practitioner's time. A cancelled appointment and a no-show give it back (the
     * rest of a no-show's slot can take a walk-in).
     */
    public boolean holdsTime() {
        return this != CANCELLED && this != NO_SHOW;
    }
}
