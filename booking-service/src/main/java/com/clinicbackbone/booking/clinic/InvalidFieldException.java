package com.clinicbackbone.booking.clinic;

/** A field of a catalog or schedule entry breaks a rule (answered 400, naming the field); nothing is stored. */
public class InvalidFieldException extends RuntimeException {

    private final String field;

    public InvalidFieldException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
