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

    /** The start instants of the buckets that [start, end) touches. */
    public static List<Instant> covering(Instant start, Instant end) {
        long size = SIZE.toSeconds();
        List<Instant> buckets = new ArrayList<>();
        for (Instant bucket = Instant.ofEpochSecond(Math.floorDiv(start.getEpochSecond(), size) * size);
             bucket.isBefore(end); bucket = bucket.plus(SIZE)) {
            buckets.add(bucket);
        }
        return buckets;
    }
}
