package com.clinicbackbone.booking.waitlist;

import java.time.Duration;
import java.util.Map;

/**
 * How long an offer holds the time, per clinic ({@code clinics}, else {@code standard}: 15 minutes unless
 * configured); never past the service's minimum notice before the start. An offer that would have to be shorter than
 * {@code shortest} (or the clinic's window, if shorter) is not made to that entry.
 */
public record OfferWindows(Duration standard, Map<String, Duration> clinics, Duration shortest) {

    public static final Duration DEFAULT = Duration.ofMinutes(15);

    public OfferWindows {
        standard = standard == null ? DEFAULT : standard;
        clinics = clinics == null ? Map.of() : Map.copyOf(clinics);
        shortest = shortest == null ? Duration.ofMinutes(1) : shortest;
        if (standard.isNegative() || standard.isZero()) {
            throw new IllegalArgumentException("the offer window must be positive");
        }
    }

    public Duration of(String clinicId) {
        return clinics.getOrDefault(clinicId, standard);
    }
}
