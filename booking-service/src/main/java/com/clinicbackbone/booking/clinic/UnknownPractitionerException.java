package com.clinicbackbone.booking.clinic;

/** A practitioner id in a query that names no practitioner (answered 404). */
public class UnknownPractitionerException extends RuntimeException {

    public UnknownPractitionerException(String practitionerId) {
        super("No practitioner " + practitionerId);
    }
}
