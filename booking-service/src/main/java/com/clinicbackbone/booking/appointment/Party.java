package com.clinicbackbone.booking.appointment;

/** Who asks for a change: the patient themself (online) or the clinic (front desk, practitioner). */
public enum Party {
    PATIENT,
    CLINIC
}
