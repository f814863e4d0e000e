package com.clinicbackbone.patient.patient;

/** The patient changed between reading and writing it; nothing was written (answered 409, safe to retry). */
public class ConcurrentChangeException extends RuntimeException {

    public ConcurrentChangeException(String id) {
        super("patient " + id + " was changed concurrently");
    }
}
