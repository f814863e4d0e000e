package com.clinicbackbone.patient.patient;

/** The caller's role, or the clinic a write is aimed at, does not allow the action (answered 403). */
public class NotPermittedException extends RuntimeException {

    NotPermittedException(String message) {
        super(message);
    }
}
