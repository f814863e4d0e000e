package com.clinicbackbone.web.desk;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * One practitioner's clinic-local day at one clinic: when they work there (weekly hours of that weekday plus extra
 * hours at the clinic), their breaks, their leave (at every clinic) and whether the clinic is closed. Pure: built
 * from booking-service's schedule data, no calls.
 *
 * @param work     the working blocks at this clinic (breaks inside them)
 * @param closure  the closure's name ("" when it has none), or null when the clinic is open
 */
public record Lane(String practitionerId, LocalDate date, List<Span> work, List<Span> breaks, List<Span> leave,
                   String closure) {

    /** What a moment of the lane is, most important first. */
    public enum State { CLOSED, LEAVE, BREAK, WORK, OFF }

    public static Lane of(String practitionerId, String clinicId, LocalDate date, ZoneId zone,
                          Schedule.WeeklyHours hours, List<Schedule.OneOff> oneOffs,
                          List<Schedule.Closure> closures) {
        Span day = new Span(date.atStartOfDay(zone).toInstant(), date.plusDays(1).atStartOfDay(zone).toInstant());
        List<Span> work = new ArrayList<>();
        List<Span> breaks = new ArrayList<>();
        for (Schedule.Day block : hours.weekly()) {
            if (block.day() == date.getDayOfWeek()) {
                work.add(Span.of(date, block.start(), block.end(), zone));
                block.breaks().forEach(pause -> breaks.add(Span.of(date, pause.start(), pause.end(), zone)));
            }
        }
        List<Span> leave = new ArrayList<>();
        for (Schedule.OneOff exception : oneOffs) {
            Span clipped = Span.of(exception.start(), exception.end(), zone).clip(day);
            if (clipped == null || !exception.practitionerId().equals(practitionerId)) {
                continue;
            }
            if (exception.isLeave()) {
                leave.add(clipped);
            } else if (exception.isExtraHoursAt(clinicId)) {
                work.add(clipped);
            }
        }
        String closure = closures.stream().filter(it -> it.date().equals(date) && it.clinicId().equals(clinicId))
                .map(it -> it.name() == null ? "" : it.name()).findFirst().orElse(null);
        work.sort(java.util.Comparator.comparing(Span::start));
        breaks.sort(java.util.Comparator.comparing(Span::start));
        return new Lane(practitionerId, date, List.copyOf(work), List.copyOf(breaks), List.copyOf(leave), closure);
    }

    public boolean closed() {
        return closure != null;
    }

    public boolean onLeave() {
        return !leave.isEmpty();
    }

    public boolean works() {
        return !work.isEmpty();
    }

    public State stateAt(Instant instant) {
        if (closed()) {
            return State.CLOSED;
        }
        if (leave.stream().anyMatch(span -> span.contains(instant))) {
            return State.LEAVE;
        }
        if (breaks.stream().anyMatch(span -> span.contains(instant))) {
            return State.BREAK;
        }
        return work.stream().anyMatch(span -> span.contains(instant)) ? State.WORK : State.OFF;
    }
}
