package com.clinicbackbone.console.deadletter;

/** No dead letter with that id. */
public class DeadLetterNotFoundException extends RuntimeException {

    public DeadLetterNotFoundException(String id) {
        super("No dead letter " + id);
    }
}
