package com.clinicbackbone.booking.patient;

/** Where a patient identity stands, as far as booking is concerned. */
public enum PatientStatus {
    /** Registered and bookable at the clinics it is linked to. */
    ACTIVE,
    /** Personal data erased; only the id remains and it cannot be booked. */
    ERASED,
    /** Retired into another identity (the surviving patient id), which is the one to book. */
    MERGED
}
