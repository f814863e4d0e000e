package com.clinicbackbone.web.desk;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The rows of a clinic-local day, built from the zone's rules rather than 24 fixed hours: a spring-forward day has
 * no rows for the skipped hour (23 hours), a fall-back day shows the repeated hour twice, each labelled with its
 * zone abbreviation (25 hours).
 */
public final class DayRows {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter TIME_AND_ZONE = DateTimeFormatter.ofPattern("HH:mm zzz", Locale.ENGLISH);

    /** One row: [start, end) in UTC and its clinic-local label ("01:30", or "01:30 MDT" when the time repeats). */
    public record Row(Instant start, Instant end, String label) {

        public boolean contains(Instant instant) {
            return !instant.isBefore(start) && instant.isBefore(end);
        }
    }

    private DayRows() {
    }

    /** The rows of {@code date} in {@code zone}, {@code step} apart, from its first instant to the next day's. */
    public static List<Row> of(LocalDate date, ZoneId zone, Duration step) {
        if (step.isZero() || step.isNegative()) {
            throw new IllegalArgumentException("step must be positive");
        }
        Instant end = date.plusDays(1).atStartOfDay(zone).toInstant();
        List<Row> rows = new ArrayList<>();
        for (Instant start = date.atStartOfDay(zone).toInstant(); start.isBefore(end); start = start.plus(step)) {
            Instant rowEnd = start.plus(step).isAfter(end) ? end : start.plus(step);
            rows.add(new Row(start, rowEnd, label(start, zone)));
        }
        return rows;
    }

    /** The length of the clinic-local day (23, 24 or 25 hours in zones with DST). */
    public static Duration lengthOf(LocalDate date, ZoneId zone) {
        return Duration.between(date.atStartOfDay(zone), date.plusDays(1).atStartOfDay(zone));
    }

    private static String label(Instant instant, ZoneId zone) {
        ZonedDateTime local = instant.atZone(zone);
        LocalDateTime wallClock = local.toLocalDateTime();
        boolean repeats = zone.getRules().getValidOffsets(wallClock).size() > 1;
        return (repeats ? TIME_AND_ZONE : TIME).format(local);
    }
}
