package com.clinicbackbone.booking.clinic;

import java.time.DateTimeException;
import java.time.ZoneId;

/** A clinic; {@code timeZone} is the zone id (validated) everything shown to its people is in. */
public record Clinic(String id, String name, String timeZone) {

    public Clinic {
        if (name == null || name.isBlank()) {
            throw new InvalidFieldException("name", "must not be blank");
        }
        if (name.length() > 200) {
            throw new InvalidFieldException("name", "must be at most 200 characters");
        }
        if (timeZone == null || timeZone.isBlank()) {
            throw new InvalidFieldException("timeZone", "must be a time zone id such as America/Edmonton");
        }
        try {
            ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            throw new InvalidFieldException("timeZone", "is not a known time zone id (e.g. America/Edmonton)");
        }
    }

    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }
}
