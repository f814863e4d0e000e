package com.clinicbackbone.console.deadletter;

/** A replay or discard that may not happen (already handled, or no original topic): nothing was done. */
public class DeadLetterActionException extends RuntimeException {

    private final String deadLetterId;

    public DeadLetterActionException(String deadLetterId, String message) {
        super(message);
        this.deadLetterId = deadLetterId;
    }

    public String deadLetterId() {
        return deadLetterId;
    }
}
