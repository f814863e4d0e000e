package com.clinicbackbone.booking.availability;

import com.clinicbackbone.booking.appointment.PractitionerCalendar.Claim;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The time of one calendar that claims hold, merged into disjoint intervals, to ask whether a span is free. */
final class BusyTime {

    /** Start to end of each merged interval. */
    private final TreeMap<Instant, Instant> busy = new TreeMap<>();

    BusyTime(List<Claim> claims) {
        Instant start = null;
        Instant end = null;
        for (Claim claim : claims.stream().sorted(Comparator.comparing(Claim::start)).toList()) {
            if (end != null && !claim.start().isAfter(end)) {
                end = claim.end().isAfter(end) ? claim.end() : end;
                continue;
            }
            if (start != null) {
                busy.put(start, end);
            }
            start = claim.start();
            end = claim.end();
        }
        if (start != null) {
            busy.put(start, end);
        }
    }

    /** Whether no claim touches [from, to). */
    boolean isFree(Instant from, Instant to) {
        Map.Entry<Instant, Instant> last = busy.lowerEntry(to); // the last interval starting before the span ends
        return last == null || !last.getValue().isAfter(from);
    }
}
