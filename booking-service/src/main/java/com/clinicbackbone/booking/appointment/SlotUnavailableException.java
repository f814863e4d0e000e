package com.clinicbackbone.booking.appointment;

/** The practitioner already has an overlapping appointment, at whatever clinic (answered 409). */
public class SlotUnavailableException extends RuntimeException {

    public SlotUnavailableException(String message) {
        super(message);
    }
}
