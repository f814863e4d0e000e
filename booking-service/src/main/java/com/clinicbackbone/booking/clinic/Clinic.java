package com.clinicbackbone.booking.clinic;

/** A clinic; {@code timeZone} is the zone id everything shown to its people is in. */
public record Clinic(String id, String name, String timeZone) {
}
