package com.clinicbackbone.notification.web;

/** A clinic this service does not serve: answered 404. */
public class ClinicNotFoundException extends RuntimeException {

    public ClinicNotFoundException(String clinicId) {
        super("no clinic " + clinicId);
    }
}
