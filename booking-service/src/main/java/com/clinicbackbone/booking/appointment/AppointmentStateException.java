package com.clinicbackbone.booking.appointment;

/** The change does not fit the appointment's current state (answered 409, saying why). */
public class AppointmentStateException extends RuntimeException {

    private final AppointmentStatus status;

    public AppointmentStateException(String message) {
        this(message, null);
    }

    public AppointmentStateException(String message, AppointmentStatus status) {
        super(message);
        this.status = status;
    }

    /** The appointment's status that ruled the change out; null when the state is not the reason. */
    public AppointmentStatus status() {
        return status;
    }
}
