package com.clinicbackbone.booking.schedule;

/** A schedule change contradicts another (hours overlapping the same person's hours elsewhere): answered 409. */
public class ScheduleConflictException extends RuntimeException {

    public ScheduleConflictException(String message) {
        super(message);
    }
}
