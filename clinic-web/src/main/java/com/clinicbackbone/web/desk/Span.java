package com.clinicbackbone.web.desk;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** A time range [start, end) in UTC, shown in clinic-local time. */
public record Span(Instant start, Instant end) {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    static Span of(LocalDate date, LocalTime start, LocalTime end, ZoneId zone) {
        return new Span(date.atTime(start).atZone(zone).toInstant(), date.atTime(end).atZone(zone).toInstant());
    }

    static Span of(LocalDateTime start, LocalDateTime end, ZoneId zone) {
        return new Span(start.atZone(zone).toInstant(), end.atZone(zone).toInstant());
    }

    public boolean contains(Instant instant) {
        return !instant.isBefore(start) && instant.isBefore(end);
    }

    public boolean overlaps(Span other) {
        return start.isBefore(other.end) && other.start.isBefore(end);
    }

    /** The part inside {@code other}, or null when they do not overlap. */
    Span clip(Span other) {
        if (!overlaps(other)) {
            return null;
        }
        return new Span(start.isAfter(other.start) ? start : other.start, end.isBefore(other.end) ? end : other.end);
    }

    /** "08:00–16:00" in the zone. */
    public String label(ZoneId zone) {
        return TIME.format(start.atZone(zone)) + "–" + TIME.format(end.atZone(zone));
    }
}
