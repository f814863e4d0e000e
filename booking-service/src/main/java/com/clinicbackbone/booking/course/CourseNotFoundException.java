package com.clinicbackbone.booking.course;

/** No such course (or session of it), or one the caller may not see (answered 404). */
public class CourseNotFoundException extends RuntimeException {

    public CourseNotFoundException(String message) {
        super(message);
    }
}
