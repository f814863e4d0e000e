package com.clinicbackbone.booking.appointment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Calendar claims in memory, one holder per practitioner and bucket. */
public class InMemoryCalendar implements PractitionerCalendar {

    private final Map<String, String> claims = new ConcurrentHashMap<>();

    @Override
    public synchronized Optional<String> claim(String practitionerId, List<Instant> buckets, String appointmentId) {
        List<Instant> claimed = new ArrayList<>();
        for (Instant bucket : buckets) {
            String holder = claims.putIfAbsent(practitionerId + "|" + bucket, appointmentId);
            if (holder != null) {
                release(practitionerId, claimed, appointmentId);
                return Optional.of(holder);
            }
            claimed.add(bucket);
        }
        return Optional.empty();
    }

    @Override
    public synchronized void release(String practitionerId, List<Instant> buckets, String appointmentId) {
        buckets.forEach(bucket -> claims.remove(practitionerId + "|" + bucket, appointmentId));
    }

    public void clear() {
        claims.clear();
    }

    /** Claim keys ({@code practitionerId|bucket}) to the appointment holding them. */
    public Map<String, String> claims() {
        return Map.copyOf(claims);
    }
}
