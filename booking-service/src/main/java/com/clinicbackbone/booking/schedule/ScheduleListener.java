package com.clinicbackbone.booking.schedule;

/**
 * Told of the schedule changes that make time bookable (the waitlist offers it); the default does nothing. Called
 * after the change is stored.
 */
public interface ScheduleListener {

    ScheduleListener NONE = new ScheduleListener() {
    };

    /** The clinic is open again that day. */
    default void closureRemoved(Closure closure) {
    }

    /** Leave removed (the practitioner works again then), or extra hours added. */
    default void exceptionChanged(ScheduleException exception, boolean added) {
    }
}
