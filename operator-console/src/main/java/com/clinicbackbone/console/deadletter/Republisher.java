package com.clinicbackbone.console.deadletter;

/** Sends a dead letter's event back to its original topic (port). */
public interface Republisher {

    /** Sends key, payload and event headers to the original topic and waits for the broker's acknowledgement. */
    void republish(DeadLetter deadLetter);
}
