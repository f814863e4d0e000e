package com.clinicbackbone.booking.appointment;

/** A request field breaks a booking rule (answered 400, naming the field). */
public class InvalidAppointmentException extends RuntimeException {

    private final String field;

    public InvalidAppointmentException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
