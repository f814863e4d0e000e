package com.clinicbackbone.booking.course;

/** A field of a course request breaks a course rule (answered 400, naming the field). */
public class InvalidCourseException extends RuntimeException {

    private final String field;

    public InvalidCourseException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
