package com.clinicbackbone.booking.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * When one practitioner works at one clinic, computed from what was loaded for a range of dates: the weekly hours
 * without their breaks, plus extra hours at the clinic, minus leave, minus the clinic's closed days. Wall-clock times
 * become instants in the clinic's zone (a time in a DST gap moves forward, as {@link LocalDateTime#atZone} does).
 */
public final class WorkingTime {

    private final String clinicId;
    private final ZoneId zone;
    private final WeeklyHours hours;
    private final List<ScheduleException> exceptions;
    private final Set<LocalDate> closed;

    public WorkingTime(String clinicId, ZoneId zone, Optional<WeeklyHours> hours, List<ScheduleException> exceptions,
                       List<Closure> closures) {
        this.clinicId = clinicId;
        this.zone = zone;
        this.hours = hours.orElse(null);
        this.exceptions = List.copyOf(exceptions);
        this.closed = Set.copyOf(closures.stream().map(Closure::date).toList());
    }

    /** The working time of the clinic-local dates [from, to] (blocks starting on them), merged and ascending. */
    public List<Interval> windows(LocalDate from, LocalDate to) {
        List<Interval> open = new ArrayList<>();
        for (LocalDate date = from; !date.isAfter(to); date = date.plusDays(1)) {
            if (closed.contains(date) || hours == null) {
                continue;
            }
            for (DayHours block : hours.on(date.getDayOfWeek())) {
                for (TimeRange range : block.workingRanges()) {
                    open.add(interval(date.atTime(range.start()), date.atTime(range.end())));
                }
            }
        }
        for (ScheduleException extra : exceptions) {
            LocalDate date = extra.start().toLocalDate();
            if (extra.kind() == ExceptionKind.EXTRA_HOURS && clinicId.equals(extra.clinicId())
                    && !date.isBefore(from) && !date.isAfter(to) && !closed.contains(date)) {
                open.add(interval(extra.start(), extra.end()));
            }
        }
        List<Interval> leave = exceptions.stream().filter(it -> it.kind() == ExceptionKind.LEAVE)
                .map(it -> interval(it.start(), it.end())).toList();
        return subtract(merge(open), leave);
    }

    /** Why the practitioner is not working over all of [start, end) at the clinic; empty when they are. */
    public Optional<Unavailability> whyNot(Instant start, Instant end) {
        LocalDate date = start.atZone(zone).toLocalDate();
        if (windows(date.minusDays(1), date).stream().anyMatch(window -> window.contains(start, end))) {
            return Optional.empty();
        }
        if (closed.contains(date)) {
            return Optional.of(Unavailability.CLINIC_CLOSED);
        }
        if (exceptions.stream().anyMatch(it -> it.kind() == ExceptionKind.LEAVE
                && interval(it.start(), it.end()).overlaps(start, end))) {
            return Optional.of(Unavailability.ON_LEAVE);
        }
        boolean inBlock = hours != null && hours.on(date.getDayOfWeek()).stream()
                .anyMatch(block -> interval(date.atTime(block.start()), date.atTime(block.end())).contains(start, end));
        return Optional.of(inBlock ? Unavailability.IN_BREAK : Unavailability.OUTSIDE_HOURS);
    }

    private Interval interval(LocalDateTime start, LocalDateTime end) {
        return new Interval(start.atZone(zone).toInstant(), end.atZone(zone).toInstant());
    }

    static List<Interval> merge(List<Interval> intervals) {
        List<Interval> sorted = intervals.stream().sorted(Comparator.comparing(Interval::start)).toList();
        List<Interval> merged = new ArrayList<>();
        for (Interval next : sorted) {
            if (!merged.isEmpty() && !next.start().isAfter(merged.get(merged.size() - 1).end())) {
                Interval last = merged.remove(merged.size() - 1);
                merged.add(new Interval(last.start(), next.end().isAfter(last.end()) ? next.end() : last.end()));
            } else {
                merged.add(next);
            }
        }
        return merged;
    }

    static List<Interval> subtract(List<Interval> open, List<Interval> cut) {
        List<Interval> result = new ArrayList<>(open);
        for (Interval hole : cut) {
            List<Interval> next = new ArrayList<>();
            for (Interval window : result) {
                if (!window.overlaps(hole.start(), hole.end())) {
                    next.add(window);
                    continue;
                }
                if (window.start().isBefore(hole.start())) {
                    next.add(new Interval(window.start(), hole.start()));
                }
                if (hole.end().isBefore(window.end())) {
                    next.add(new Interval(hole.end(), window.end()));
                }
            }
            result = next;
        }
        return result;
    }
}
