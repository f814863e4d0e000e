package com.clinicbackbone.booking.availability;

import java.time.Instant;
import java.util.List;

/** Where a service can be booked with a practitioner. */
public interface FreeStarts {

    /**
     * The starts in [from, to) at which the clinic could book the service with the practitioner now, ascending: every
     * rule of a booking except the patient-specific ones (minimum notice, online flag, prerequisite): on the service's
     * clinic-local grid, not in the past, within the horizon, inside the practitioner's hours at the clinic (breaks,
     * leave, extra hours, closures), with the practitioner free over [start - buffer before, end + buffer after) at
     * every clinic and a room/device of the kind the service needs free too.
     */
    List<Instant> of(String clinicId, String serviceId, String practitionerId, Instant from, Instant to);
}
