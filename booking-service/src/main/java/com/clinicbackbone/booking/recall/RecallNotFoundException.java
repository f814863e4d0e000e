package com.clinicbackbone.booking.recall;

/** No such recall, or not one the caller may see (answered 404). */
public class RecallNotFoundException extends RuntimeException {

    public RecallNotFoundException(String id) {
        super("No recall " + id);
    }
}
