package com.clinicbackbone.booking.appointment;

/** The change does not fit the appointment's current state (answered 409). */
public class AppointmentStateException extends RuntimeException {

    public AppointmentStateException(String message) {
        super(message);
    }
}
