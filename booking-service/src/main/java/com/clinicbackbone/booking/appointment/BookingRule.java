package com.clinicbackbone.booking.appointment;

/** A scheduling rule a booking or a move can break (the {@code rule} of the problem answer). */
public enum BookingRule {
    /** Further ahead than the service's booking horizon (422). */
    BEYOND_HORIZON,
    /** A patient booking inside the service's minimum notice (422). */
    INSIDE_MINIMUM_NOTICE,
    /** Outside the practitioner's hours at the clinic (422). */
    OUTSIDE_HOURS,
    /** In a break of the practitioner's hours (422). */
    IN_BREAK,
    /** The practitioner is on leave (422). */
    ON_LEAVE,
    /** The clinic is closed that day (422). */
    CLINIC_CLOSED,
    /** A patient asking online for a service only the desk books (403). */
    NOT_ONLINE_BOOKABLE,
    /** The practitioner does not provide the service (422). */
    NOT_PROVIDED,
    /** The patient has not completed the required consultation at the clinic in time (422). */
    PREREQUISITE_MISSING,
    /** No room/device of the kind the service needs is free (409). */
    NO_FREE_RESOURCE
}
