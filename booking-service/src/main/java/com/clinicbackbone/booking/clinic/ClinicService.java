package com.clinicbackbone.booking.clinic;

import java.time.Duration;

/** A bookable treatment type of one clinic; {@code id} is unique within the clinic only. */
public record ClinicService(String id, String clinicId, String name, int durationMinutes) {

    public Duration duration() {
        return Duration.ofMinutes(durationMinutes);
    }
}
