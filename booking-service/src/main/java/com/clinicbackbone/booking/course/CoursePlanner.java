package com.clinicbackbone.booking.course;

import com.clinicbackbone.booking.appointment.CalendarBuckets;
import com.clinicbackbone.booking.availability.FreeStarts;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Places the sessions of a course on free starts ({@link FreeStarts} decides what is free; the planner does not
 * care why). The rule, in clinic-local dates and times:
 * <ul>
 *   <li>Session 1 is at {@code firstStart}.</li>
 *   <li>Each next session goes on the earliest date from the previous session's date + {@code minDaysBetween} to
 *       its date + {@code maxDaysBetween} that is a preferred weekday (any weekday when none is given) and has a free
 *       start that is a preferred time (the earliest such time), or, when no times are preferred, the first free
 *       start at or after the previous session's time of day. It never starts before the previous one ends.</li>
 *   <li>When a session cannot be placed, its alternatives are the free starts of its window (any weekday and time,
 *       not before the previous session ends), nearest to the ideal start first (ties: earlier first), at most
 *       {@value #MAX_ALTERNATIVES}. The ideal start is the session's requested start, or for a planned session the
 *       first preferred date of its window at the first preferred time (else the previous session's time of day).
 *       Session 1 has no session before it: its window is its own date and the {@value #FIRST_SESSION_DAYS} after.</li>
 * </ul>
 */
public class CoursePlanner {

    public static final int MAX_SESSIONS = 10;
    public static final int MAX_DAYS_BETWEEN = 365;
    public static final int MAX_ALTERNATIVES = 5;
    public static final int FIRST_SESSION_DAYS = 7;

    private final FreeStarts freeStarts;

    public CoursePlanner(FreeStarts freeStarts) {
        this.freeStarts = freeStarts;
    }

    /** Checks the course rules of the request that need no calendar (answered 400 naming the field). */
    public static void validate(PlanCourse request, Instant now) {
        if (request.minDaysBetween() < 0) {
            throw new InvalidCourseException("minDaysBetween", "must be 0 or more");
        }
        if (request.maxDaysBetween() > MAX_DAYS_BETWEEN) {
            throw new InvalidCourseException("maxDaysBetween", "must be at most " + MAX_DAYS_BETWEEN);
        }
        if (request.minDaysBetween() > request.maxDaysBetween()) {
            throw new InvalidCourseException("minDaysBetween", "must not be more than maxDaysBetween ("
                    + request.maxDaysBetween() + "): no date could follow a session");
        }
        if (request.explicit()) {
            validateExplicit(request, now);
            return;
        }
        if (request.sessions() == null || request.sessions() < 1 || request.sessions() > MAX_SESSIONS) {
            throw new InvalidCourseException("sessions", "must be 1 to " + MAX_SESSIONS
                    + " (or give every session's start in starts)");
        }
        if (request.firstStart() == null) {
            throw new InvalidCourseException("firstStart", "is required unless starts are given");
        }
        requireBookable("firstStart", request.firstStart(), now);
        for (LocalTime time : request.preferredTimes()) {
            if (time.getSecond() != 0 || time.getNano() != 0 || time.getMinute() % 5 != 0) {
                throw new InvalidCourseException("preferredTimes", "must be on the 5-minute grid, e.g. 10:00");
            }
        }
    }

    private static void validateExplicit(PlanCourse request, Instant now) {
        if (request.sessions() != null || request.firstStart() != null || !request.preferredWeekdays().isEmpty()
                || !request.preferredTimes().isEmpty()) {
            throw new InvalidCourseException("starts", "give either starts, or sessions with firstStart and"
                    + " preferences, not both");
        }
        List<Instant> starts = request.starts();
        if (starts.isEmpty() || starts.size() > MAX_SESSIONS) {
            throw new InvalidCourseException("starts", "must hold 1 to " + MAX_SESSIONS + " starts");
        }
        for (int i = 0; i < starts.size(); i++) {
            if (starts.get(i) == null) {
                throw new InvalidCourseException("starts[" + i + "]", "must be an instant");
            }
            requireBookable("starts[" + i + "]", starts.get(i), now);
            if (i > 0 && !starts.get(i).isAfter(starts.get(i - 1))) {
                throw new InvalidCourseException("starts[" + i + "]", "must be after the session before it");
            }
        }
    }

    private static void requireBookable(String field, Instant start, Instant now) {
        if (!CalendarBuckets.isOnGrid(start)) {
            throw new InvalidCourseException(field, "must be on the 5-minute grid, for example 16:05:00Z");
        }
        if (start.isBefore(now)) {
            throw new InvalidCourseException(field, "must not be in the past");
        }
    }

    /**
     * The starts of every session of a validated, not explicit request.
     *
     * @throws SessionNotPlaceableException for the first session with no free preferred start in its window
     */
    public List<Instant> plan(PlanCourse request, ZoneId zone, Duration length) {
        List<Instant> starts = new ArrayList<>(List.of(request.firstStart()));
        while (starts.size() < request.sessions()) {
            Instant previous = starts.get(starts.size() - 1);
            LocalTime previousTime = previous.atZone(zone).toLocalTime();
            DateWindow window = window(request, zone, starts, previous);
            List<Instant> free = freeIn(request, zone, length, window, starts);
            Optional<Instant> next = window.from().datesUntil(window.to().plusDays(1))
                    .filter(date -> isPreferred(request, date))
                    .map(date -> pick(request, zone, date, previousTime, free))
                    .flatMap(Optional::stream)
                    .findFirst();
            if (next.isEmpty()) {
                int session = starts.size() + 1;
                Instant ideal = ideal(request, zone, window, previousTime);
                throw new SessionNotPlaceableException(session, SessionNotPlaceableException.Reason.NO_FREE_START,
                        "Session " + session + " has no free " + describePreferences(request) + " from "
                                + window.from() + " to " + window.to() + " (clinic-local)", window,
                        nearest(free, ideal));
            }
            starts.add(next.get());
        }
        return List.copyOf(starts);
    }

    /**
     * Checks the gaps between explicitly given starts.
     *
     * @throws SessionNotPlaceableException (GAP) for the first session too close to or too far from the one before
     */
    public void checkGaps(PlanCourse request, ZoneId zone, Duration length) {
        List<Instant> starts = request.starts();
        for (int i = 1; i < starts.size(); i++) {
            List<Instant> before = starts.subList(0, i);
            DateWindow window = window(request, zone, before, starts.get(i));
            LocalDate date = starts.get(i).atZone(zone).toLocalDate();
            if (!window.contains(date)) {
                throw new SessionNotPlaceableException(i + 1, SessionNotPlaceableException.Reason.GAP,
                        "Session " + (i + 1) + " on " + date + " must be " + request.minDaysBetween() + " to "
                                + request.maxDaysBetween() + " days after session " + i + ": from " + window.from()
                                + " to " + window.to() + " (clinic-local)", window,
                        alternatives(request, zone, length, before, starts.get(i)));
            }
        }
    }

    /** The window of the session that follows {@code before} (session 1 when empty; then around {@code ideal}). */
    public DateWindow window(PlanCourse request, ZoneId zone, List<Instant> before, Instant ideal) {
        if (before.isEmpty()) {
            LocalDate date = ideal.atZone(zone).toLocalDate();
            return new DateWindow(date, date.plusDays(FIRST_SESSION_DAYS));
        }
        LocalDate previous = before.get(before.size() - 1).atZone(zone).toLocalDate();
        return new DateWindow(previous.plusDays(request.minDaysBetween()),
                previous.plusDays(request.maxDaysBetween()));
    }

    /** Up to {@value #MAX_ALTERNATIVES} free starts for the session after {@code before}, nearest to ideal first. */
    public List<Instant> alternatives(PlanCourse request, ZoneId zone, Duration length, List<Instant> before,
                                      Instant ideal) {
        return nearest(freeIn(request, zone, length, window(request, zone, before, ideal), before), ideal);
    }

    private List<Instant> freeIn(PlanCourse request, ZoneId zone, Duration length, DateWindow window,
                                 List<Instant> before) {
        Instant from = window.start(zone);
        if (!before.isEmpty()) {
            Instant previousEnd = before.get(before.size() - 1).plus(length);
            from = previousEnd.isAfter(from) ? previousEnd : from;
        }
        Instant to = window.end(zone);
        if (!from.isBefore(to)) {
            return List.of();
        }
        return freeStarts.of(request.clinicId(), request.serviceId(), request.practitionerId(), from, to);
    }

    private static boolean isPreferred(PlanCourse request, LocalDate date) {
        return request.preferredWeekdays().isEmpty() || request.preferredWeekdays().contains(date.getDayOfWeek());
    }

    private static Optional<Instant> pick(PlanCourse request, ZoneId zone, LocalDate date, LocalTime previousTime,
                                          List<Instant> free) {
        if (request.preferredTimes().isEmpty()) {
            Instant notBefore = ZonedDateTime.of(date, previousTime, zone).toInstant();
            Instant dayEnd = date.plusDays(1).atStartOfDay(zone).toInstant();
            return free.stream().filter(start -> !start.isBefore(notBefore) && start.isBefore(dayEnd)).findFirst();
        }
        return request.preferredTimes().stream()
                .map(time -> ZonedDateTime.of(date, time, zone).toInstant())
                .filter(free::contains)
                .findFirst();
    }

    private static Instant ideal(PlanCourse request, ZoneId zone, DateWindow window, LocalTime previousTime) {
        LocalDate date = window.from().datesUntil(window.to().plusDays(1))
                .filter(candidate -> isPreferred(request, candidate)).findFirst().orElse(window.from());
        LocalTime time = request.preferredTimes().isEmpty() ? previousTime : request.preferredTimes().get(0);
        return ZonedDateTime.of(date, time, zone).toInstant();
    }

    private static List<Instant> nearest(List<Instant> free, Instant ideal) {
        return free.stream()
                .sorted(Comparator.comparing((Instant start) -> Duration.between(ideal, start).abs())
                        .thenComparing(Comparator.naturalOrder()))
                .limit(MAX_ALTERNATIVES)
                .toList();
    }

    private static String describePreferences(PlanCourse request) {
        String days = request.preferredWeekdays().isEmpty() ? "day" : request.preferredWeekdays().toString();
        String times = request.preferredTimes().isEmpty() ? "start at or after the previous session's time of day"
                : "start at " + request.preferredTimes();
        return times + " on any " + days;
    }
}
