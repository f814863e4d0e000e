package com.clinicbackbone.patient.patient;

/** No patient has the given id. */
public class PatientNotFoundException extends RuntimeException {

    PatientNotFoundException(String id) {
        super("no patient with id " + id);
    }
}
