package com.clinicbackbone.booking.appointment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/** Calendar claims in memory, one holder per practitioner and bucket. */
public class InMemoryCalendar implements PractitionerCalendar {

    private final Map<String, Claim> claims = new ConcurrentHashMap<>();

    @Override
    public synchronized Optional<Claim> claim(String practitionerId, List<Instant> buckets, String appointmentId,
                                              long revision) {
        List<Instant> claimed = new ArrayList<>();
        for (Instant bucket : buckets) {
            Claim holder = claims.putIfAbsent(key(practitionerId, bucket),
                    new Claim(practitionerId, bucket, appointmentId, revision));
            if (holder != null) {
                claimed.forEach(mine -> claims.remove(key(practitionerId, mine)));
                return Optional.of(holder);
            }
            claimed.add(bucket);
        }
        return Optional.empty();
    }

    @Override
    public synchronized void release(String practitionerId, List<Instant> buckets, String appointmentId,
                                     long upToRevision) {
        buckets.forEach(bucket -> claims.computeIfPresent(key(practitionerId, bucket),
                (key, claim) -> claim.appointmentId().equals(appointmentId) && claim.revision() <= upToRevision
                        ? null : claim));
    }

    @Override
    public synchronized void release(Claim claim) {
        claims.remove(key(claim.practitionerId(), claim.bucket()), claim);
    }

    @Override
    public synchronized void releaseAll(String appointmentId) {
        claims.values().removeIf(claim -> claim.appointmentId().equals(appointmentId));
    }

    @Override
    public List<Instant> claimedBuckets(String practitionerId, Instant from, Instant to) {
        return claims.values().stream().filter(claim -> claim.practitionerId().equals(practitionerId))
                .map(Claim::bucket).filter(bucket -> !bucket.isBefore(from) && bucket.isBefore(to)).sorted()
                .toList();
    }

    /** Leaves a claim as a change that stopped half-way would have. */
    public void put(Claim claim) {
        claims.put(key(claim.practitionerId(), claim.bucket()), claim);
    }

    public void clear() {
        claims.clear();
    }

    /** Claim keys ({@code practitionerId|bucket}) to the appointment holding them. */
    public Map<String, String> claims() {
        return claims.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().appointmentId()));
    }

    private static String key(String practitionerId, Instant bucket) {
        return practitionerId + "|" + bucket;
    }
}
