package com.clinicbackbone.booking.appointment;

import java.time.Duration;

/**
 * A patient tried to cancel or move an appointment online inside its service's late-cancellation window; only the
 * clinic can do that now (answered 422).
 */
public class LateChangeException extends RuntimeException {

    private final Duration window;

    public LateChangeException(String message, Duration window) {
        super(message);
        this.window = window;
    }

    public Duration window() {
        return window;
    }
}
