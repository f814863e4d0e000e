package com.clinicbackbone.booking.course;

/** The change does not fit the course's state, e.g. cancelling a cancelled course (answered 409, saying why). */
public class CourseStateException extends RuntimeException {

    public CourseStateException(String message) {
        super(message);
    }
}
