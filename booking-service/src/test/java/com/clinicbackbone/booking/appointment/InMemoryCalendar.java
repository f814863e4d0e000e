package com.clinicbackbone.booking.appointment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Calendar claims in memory, checked and made under one lock. Its snapshots are live views (never stale). For
 * assertions, {@link #claims()} shows the claims as the 5-minute buckets they cover.
 */
public class InMemoryCalendar implements PractitionerCalendar {

    private final List<Claim> claims = new ArrayList<>();

    @Override
    public Snapshot read(Collection<Span> spans) {
        return (owner, from, to) -> {
            synchronized (this) {
                return claims.stream().filter(claim -> claim.owner().equals(owner) && claim.overlaps(from, to))
                        .toList();
            }
        };
    }

    @Override
    public synchronized Optional<Conflict> claim(Snapshot seen, List<Claim> wanted) {
        for (int i = 0; i < wanted.size(); i++) {
            Claim claim = wanted.get(i);
            Optional<Claim> holder = claims.stream()
                    .filter(it -> it.owner().equals(claim.owner()) && it.blocks(claim)).findFirst();
            for (int j = 0; j < i && holder.isEmpty(); j++) {
                Claim earlier = wanted.get(j);
                if (earlier.owner().equals(claim.owner()) && (earlier.blocks(claim) || claim.blocks(earlier))) {
                    holder = Optional.of(earlier);
                }
            }
            if (holder.isPresent()) {
                return Optional.of(new Conflict(claim, holder.get()));
            }
        }
        claims.addAll(wanted);
        return Optional.empty();
    }

    @Override
    public synchronized void release(Collection<String> owners, Instant from, Instant to, String appointmentId,
                                     long upToRevision) {
        claims.removeIf(claim -> owners.contains(claim.owner()) && claim.appointmentId().equals(appointmentId)
                && claim.revision() <= upToRevision && claim.overlaps(from, to));
    }

    @Override
    public synchronized void release(Claim claim) {
        claims.remove(claim);
    }

    @Override
    public synchronized int removeDaysBefore(Instant instant, int limit) {
        int before = claims.size();
        claims.removeIf(claim -> !claim.end().isAfter(instant));
        return before - claims.size();
    }

    /** Claims [first bucket, last bucket + 5 min) for the appointment, as a change in flight would have. */
    public synchronized Optional<Conflict> claim(String owner, List<Instant> buckets, String appointmentId,
                                                 long revision) {
        return claim(null, List.of(new Claim(owner, buckets.get(0),
                buckets.get(buckets.size() - 1).plus(CalendarBuckets.SIZE), appointmentId, revision)));
    }

    /** Leaves a claim as a change that stopped half-way would have. */
    public synchronized void put(Claim claim) {
        claims.add(claim);
    }

    public synchronized void clear() {
        claims.clear();
    }

    /** The claims as bucket keys ({@code owner|bucket}) to the appointment holding them. */
    public synchronized Map<String, String> claims() {
        Map<String, String> buckets = new TreeMap<>();
        for (Claim claim : claims) {
            CalendarBuckets.covering(claim.start(), claim.end())
                    .forEach(bucket -> buckets.put(claim.owner() + "|" + bucket, claim.appointmentId()));
        }
        return buckets;
    }
}
