package com.clinicbackbone.booking.clinic;

import java.time.Duration;

/**
 * A bookable treatment type of one clinic; {@code id} is unique within the clinic only.
 *
 * @param lateCancellationWindow a cancellation less than this before the start is late: flagged, and patients
 *                               cannot cancel (or move) online any more
 */
public record ClinicService(String id, String clinicId, String name, int durationMinutes,
                            Duration lateCancellationWindow) {

    /** The late-cancellation window of a service that sets none. */
    public static final Duration DEFAULT_LATE_CANCELLATION_WINDOW = Duration.ofHours(24);

    public ClinicService {
        lateCancellationWindow = lateCancellationWindow == null ? DEFAULT_LATE_CANCELLATION_WINDOW
                : lateCancellationWindow;
        if (lateCancellationWindow.isNegative()) {
            throw new IllegalArgumentException("lateCancellationWindow must not be negative");
        }
    }

    /** A service with the default late-cancellation window. */
    public ClinicService(String id, String clinicId, String name, int durationMinutes) {
        this(id, clinicId, name, durationMinutes, DEFAULT_LATE_CANCELLATION_WINDOW);
    }

    public Duration duration() {
        return Duration.ofMinutes(durationMinutes);
    }
}
