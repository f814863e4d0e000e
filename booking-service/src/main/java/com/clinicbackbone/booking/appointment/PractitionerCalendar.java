package com.clinicbackbone.booking.appointment;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Claims on a practitioner's calendar buckets; the store guarantees one holder per bucket. */
public interface PractitionerCalendar {

    /**
     * Claims every bucket for the appointment, all or nothing.
     *
     * @return empty when all buckets are now claimed; otherwise the id of the appointment holding a conflicting
     *         claim (nothing stays claimed for this appointment then)
     */
    Optional<String> claim(String practitionerId, List<Instant> buckets, String appointmentId);

    /** Releases those of the buckets that the appointment holds. */
    void release(String practitionerId, List<Instant> buckets, String appointmentId);
}
