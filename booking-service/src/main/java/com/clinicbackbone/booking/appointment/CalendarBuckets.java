package com.clinicbackbone.booking.appointment;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A practitioner's calendar is cut into fixed 5-minute buckets (UTC epoch aligned). An appointment claims every
 * bucket of [start, end); two appointments overlap exactly when they would claim a common bucket.
 */
public final class CalendarBuckets {

    public static final Duration SIZE = Duration.ofMinutes(5);

    private CalendarBuckets() {
    }

    public static boolean isOnGrid(Instant instant) {
        return instant.getNano() == 0 && instant.getEpochSecond() % SIZE.toSeconds() == 0;
    }

    /** The start of the bucket the instant falls in (the instant rounded down to the grid). */
    public static Instant floor(Instant instant) {
        long size = SIZE.toSeconds();
        return Instant.ofEpochSecond(Math.floorDiv(instant.getEpochSecond(), size) * size);
    }

    /** The start instants of the buckets that [start, end) touches. */
    public static List<Instant> covering(Instant start, Instant end) {
        List<Instant> buckets = new ArrayList<>();
        for (Instant bucket = floor(start);
             bucket.isBefore(end); bucket = bucket.plus(SIZE)) {
            buckets.add(bucket);
        }
        return buckets;
    }
}
