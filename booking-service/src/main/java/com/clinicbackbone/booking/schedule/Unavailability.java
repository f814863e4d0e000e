package com.clinicbackbone.booking.schedule;

/** Why a practitioner does not work at a clinic at some time. */
public enum Unavailability {
    CLINIC_CLOSED,
    ON_LEAVE,
    IN_BREAK,
    OUTSIDE_HOURS
}
