package com.clinicbackbone.booking.availability;

import java.time.Instant;
import java.util.List;

/** Where a service can be booked with a practitioner. */
public interface FreeStarts {

    /**
     * The starts in [from, to) at which the service could be booked with the practitioner now, ascending: on the
     * grid, not in the past, and not overlapping the practitioner's other appointments at any clinic.
     */
    List<Instant> of(String clinicId, String serviceId, String practitionerId, Instant from, Instant to);
}
