package com.clinicbackbone.booking.course;

import com.clinicbackbone.booking.availability.FreeStarts;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Free starts of one service on the 5-minute grid, inside clinic-local opening hours, not overlapping the taken
 * intervals; counts how often it was asked.
 */
final class FakeFreeStarts implements FreeStarts {

    static final ZoneId ZONE = ZoneId.of("America/Edmonton");

    private final Duration length;
    private final LocalTime opens;
    private final LocalTime closes;
    private final List<Instant[]> taken = new ArrayList<>();
    int calls;

    FakeFreeStarts(Duration length, LocalTime opens, LocalTime closes) {
        this.length = length;
        this.opens = opens;
        this.closes = closes;
    }

    static Instant local(String date, String time) {
        return ZonedDateTime.of(LocalDate.parse(date), LocalTime.parse(time), ZONE).toInstant();
    }

    /** Another appointment holds the practitioner from the start for the duration. */
    FakeFreeStarts take(Instant start, Duration duration) {
        taken.add(new Instant[] {start, start.plus(duration)});
        return this;
    }

    FakeFreeStarts takeDay(String date) {
        return take(local(date, "00:00"), Duration.ofDays(1));
    }

    @Override
    public List<Instant> of(String clinicId, String serviceId, String practitionerId, Instant from, Instant to) {
        calls++;
        List<Instant> free = new ArrayList<>();
        for (Instant at = from; at.isBefore(to); at = at.plus(Duration.ofMinutes(5))) {
            Instant start = at;
            Instant end = start.plus(length);
            LocalTime localStart = start.atZone(ZONE).toLocalTime();
            LocalTime localEnd = end.atZone(ZONE).toLocalTime();
            boolean open = !localStart.isBefore(opens) && !localEnd.isAfter(closes) && localEnd.isAfter(localStart);
            boolean clash = taken.stream().anyMatch(span -> start.isBefore(span[1]) && span[0].isBefore(end));
            if (open && !clash) {
                free.add(start);
            }
        }
        return free;
    }
}
