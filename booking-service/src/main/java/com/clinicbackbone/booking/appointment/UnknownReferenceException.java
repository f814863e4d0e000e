package com.clinicbackbone.booking.appointment;

/** A request field names a clinic, service or practitioner that cannot be used (answered 422, naming the field). */
public class UnknownReferenceException extends RuntimeException {

    private final String field;

    public UnknownReferenceException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
