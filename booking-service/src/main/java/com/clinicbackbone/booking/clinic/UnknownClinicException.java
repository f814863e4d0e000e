package com.clinicbackbone.booking.clinic;

/** A clinic id in a path that names no clinic. */
public class UnknownClinicException extends RuntimeException {

    public UnknownClinicException(String clinicId) {
        super("No clinic " + clinicId);
    }
}
