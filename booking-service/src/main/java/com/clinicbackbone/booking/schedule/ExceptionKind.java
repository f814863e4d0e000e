package com.clinicbackbone.booking.schedule;

/** A one-off change of a practitioner's hours. */
public enum ExceptionKind {
    /** Unavailable over the range at every clinic (holiday, sick day, course). */
    LEAVE,
    /** An extra working block at one clinic. */
    EXTRA_HOURS
}
