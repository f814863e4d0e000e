package com.clinicbackbone.booking.appointment;

public class AppointmentNotFoundException extends RuntimeException {

    public AppointmentNotFoundException(String id) {
        super("No appointment " + id);
    }
}
