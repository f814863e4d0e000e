package com.clinicbackbone.booking.schedule;

/** No such exception or closure (or not of that practitioner or clinic): answered 404. */
public class ScheduleEntryNotFoundException extends RuntimeException {

    public ScheduleEntryNotFoundException(String message) {
        super(message);
    }
}
