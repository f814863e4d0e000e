package com.clinicbackbone.booking.appointment;

/**
 * One session of an all-or-none booking ({@link AppointmentService#bookAll}) cannot be booked; {@code index} counts
 * from 0 and the cause says why (a conflict, a start outside the rules, an unknown reference).
 */
public class SessionNotBookableException extends RuntimeException {

    private final int index;

    public SessionNotBookableException(int index, RuntimeException cause) {
        super("Session " + (index + 1) + " cannot be booked: " + cause.getMessage(), cause);
        this.index = index;
    }

    public int index() {
        return index;
    }

    public RuntimeException reason() {
        return (RuntimeException) getCause();
    }
}
