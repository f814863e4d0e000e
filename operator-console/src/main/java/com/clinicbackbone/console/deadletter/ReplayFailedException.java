package com.clinicbackbone.console.deadletter;

/** The broker did not take a replay; the dead letter was set back to NEW. */
public class ReplayFailedException extends DeadLetterActionException {

    public ReplayFailedException(String deadLetterId, String message) {
        super(deadLetterId, message);
    }
}
