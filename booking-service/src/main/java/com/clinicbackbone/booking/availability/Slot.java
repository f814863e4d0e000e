package com.clinicbackbone.booking.availability;

import java.time.Instant;

/** A bookable start of a service with a practitioner; {@code end} = start + the service's duration. */
public record Slot(Instant start, Instant end, String practitionerId) {
}
