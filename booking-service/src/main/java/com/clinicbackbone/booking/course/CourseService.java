package com.clinicbackbone.booking.course;

import com.clinicbackbone.booking.appointment.Appointment;
import com.clinicbackbone.booking.appointment.AppointmentService;
import com.clinicbackbone.booking.appointment.AppointmentStateException;
import com.clinicbackbone.booking.appointment.BookAppointment;
import com.clinicbackbone.booking.appointment.Party;
import com.clinicbackbone.booking.appointment.SessionNotBookableException;
import com.clinicbackbone.booking.appointment.SlotUnavailableException;
import com.clinicbackbone.booking.appointment.UnknownReferenceException;
import com.clinicbackbone.booking.availability.FreeStarts;
import com.clinicbackbone.booking.clinic.Catalog;
import com.clinicbackbone.booking.clinic.Clinic;
import com.clinicbackbone.booking.clinic.ClinicService;
import com.clinicbackbone.booking.clinic.Practitioner;
import com.clinicbackbone.booking.patient.PatientNotBookableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plans and books treatment courses (all sessions or none, through {@link AppointmentService#bookAll}), moves their
 * sessions within the course's gaps and cancels them. The sessions are ordinary appointments: their own events go
 * out as for any booking; the course adds its own on {@code clinic.courses.v1}.
 */
public class CourseService {

    private static final Logger log = LoggerFactory.getLogger(CourseService.class);
    private static final int ATTEMPTS = 3;

    private final Catalog catalog;
    private final AppointmentService appointments;
    private final CoursePlanner planner;
    private final Courses courses;
    private final Clock clock;

    public CourseService(Catalog catalog, AppointmentService appointments, FreeStarts freeStarts, Courses courses,
                         Clock clock) {
        this.catalog = catalog;
        this.appointments = appointments;
        this.planner = new CoursePlanner(freeStarts);
        this.courses = courses;
        this.clock = clock;
    }

    /**
     * Plans the sessions (or takes the given starts), books them all and stores the course under the id. Nothing
     * is stored when a session cannot be placed or booked.
     *
     * @throws SessionNotPlaceableException naming the session, why, and the nearest free alternatives
     */
    public CourseView plan(String id, PlanCourse request) {
        CoursePlanner.validate(request, clock.instant());
        Clinic clinic = catalog.clinic(request.clinicId()).orElseThrow(
                () -> new UnknownReferenceException("clinicId", "No clinic " + request.clinicId()));
        ClinicService service = catalog.service(request.clinicId(), request.serviceId()).orElseThrow(
                () -> new UnknownReferenceException("serviceId",
                        "Clinic " + request.clinicId() + " offers no service " + request.serviceId()));
        Practitioner practitioner = catalog.practitioner(request.practitionerId())
                .filter(it -> it.worksAt(request.clinicId())).orElseThrow(() -> new UnknownReferenceException(
                        "practitionerId", "No practitioner " + request.practitionerId() + " works at clinic "
                        + request.clinicId()));
        ZoneId zone = ZoneId.of(clinic.timeZone());
        Duration length = service.duration();

        List<Instant> starts;
        if (request.explicit()) {
            planner.checkGaps(request, zone, length);
            starts = request.starts();
        } else {
            starts = planner.plan(request, zone, length);
        }
        List<Appointment> booked;
        try {
            booked = appointments.bookAll(starts.stream().map(start -> new BookAppointment(request.clinicId(),
                    request.serviceId(), practitioner.id(), request.patientId(), start)).toList());
        } catch (SessionNotBookableException e) {
            throw notBookable(request, zone, length, starts, e);
        }
        Course course = Course.plan(id, request, booked, clock.instant());
        try {
            courses.add(course);
        } catch (RuntimeException e) {
            giveBack(booked);
            throw e;
        }
        return new CourseView(course, booked);
    }

    /** The answer to a retried plan whose first attempt stopped: the course, if that attempt stored it. */
    public Optional<CourseView> resume(String id) {
        return courses.find(id).map(this::view);
    }

    public Course get(String id) {
        return courses.find(id).orElseThrow(() -> new CourseNotFoundException("No course " + id));
    }

    /** The course with its sessions' appointments as they are now (read by their ids at once). */
    public CourseView view(Course course) {
        return new CourseView(course, appointments.getAll(course.appointmentIds()));
    }

    /** The patient's courses, oldest first. */
    public List<Course> ofPatient(String patientId) {
        return courses.ofPatient(patientId).stream().sorted(Comparator.comparing(Course::createdAt)
                .thenComparing(Course::id)).toList();
    }

    /**
     * Moves session {@code number} to a new start (its appointment keeps its id), if the new clinic-local date keeps
     * the course's gaps to the nearest active (not cancelled, not missed) session before and after it.
     *
     * @throws CourseGapException naming the gap that breaks and the dates the session may move to
     */
    public CourseView rescheduleSession(String id, int number, Instant start) {
        Course course = get(id);
        course.requireActive("changed");
        course.appointmentId(number); // a session it has
        List<Appointment> sessions = view(course).sessions();
        requireGaps(course, sessions, number, start);
        Appointment moved = appointments.reschedule(sessions.get(number - 1), start, Party.CLINIC);
        for (int attempt = 1; ; attempt++) {
            try {
                course.sessionRescheduled(number, moved);
                courses.update(course);
                return view(course);
            } catch (CourseStateException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                course = get(id); // changed meanwhile: record the move on the current course
            }
        }
    }

    /**
     * Cancels every session not yet started (by the clinic; flagged late as each appointment decides) and marks the
     * course cancelled. Sessions that started or ended stay as they are.
     */
    public CourseView cancel(String id, String reason) {
        Course course = get(id);
        course.requireActive("cancelled again");
        Instant now = clock.instant();
        List<String> cancelled = new ArrayList<>();
        for (Appointment session : view(course).sessions()) {
            if (session.status().isUpcoming() && session.start().isAfter(now)) {
                appointments.cancel(session, reason, Party.CLINIC);
                cancelled.add(session.id());
            }
        }
        course.cancel(cancelled, clock.instant());
        courses.update(course);
        return view(course);
    }

    private void requireGaps(Course course, List<Appointment> sessions, int number, Instant start) {
        ZoneId zone = zoneOf(course);
        LocalDate date = start.atZone(zone).toLocalDate();
        Integer before = null;
        Integer after = null;
        for (int i = number - 1; i >= 1 && before == null; i--) {
            before = sessions.get(i - 1).status().holdsTime() ? i : null;
        }
        for (int i = number + 1; i <= sessions.size() && after == null; i++) {
            after = sessions.get(i - 1).status().holdsTime() ? i : null;
        }
        LocalDate from = LocalDate.MIN;
        LocalDate to = LocalDate.MAX;
        if (before != null) {
            LocalDate previous = sessions.get(before - 1).start().atZone(zone).toLocalDate();
            from = previous.plusDays(course.minDaysBetween());
            to = previous.plusDays(course.maxDaysBetween());
        }
        if (after != null) {
            LocalDate next = sessions.get(after - 1).start().atZone(zone).toLocalDate();
            from = max(from, next.minusDays(course.maxDaysBetween()));
            to = min(to, next.minusDays(course.minDaysBetween()));
        }
        DateWindow allowed = from.isAfter(to) ? null : new DateWindow(from, to);
        String range = allowed == null ? "no date keeps both gaps"
                : "it may move to dates from " + from + " to " + to + " (clinic-local)";
        if (before != null) {
            LocalDate previous = sessions.get(before - 1).start().atZone(zone).toLocalDate();
            if (!new DateWindow(previous.plusDays(course.minDaysBetween()),
                    previous.plusDays(course.maxDaysBetween())).contains(date)) {
                throw new CourseGapException(number, before, "Session " + number + " on " + date + " must be "
                        + course.minDaysBetween() + " to " + course.maxDaysBetween() + " days after session "
                        + before + " (" + previous + "); " + range, allowed);
            }
        }
        if (after != null) {
            LocalDate next = sessions.get(after - 1).start().atZone(zone).toLocalDate();
            if (!new DateWindow(next.minusDays(course.maxDaysBetween()),
                    next.minusDays(course.minDaysBetween())).contains(date)) {
                throw new CourseGapException(number, after, "Session " + number + " on " + date + " must be "
                        + course.minDaysBetween() + " to " + course.maxDaysBetween() + " days before session "
                        + after + " (" + next + "); " + range, allowed);
            }
        }
    }

    private SessionNotPlaceableException notBookable(PlanCourse request, ZoneId zone, Duration length,
                                                     List<Instant> starts, SessionNotBookableException e) {
        RuntimeException cause = e.reason();
        if (cause instanceof PatientNotBookableException || cause instanceof UnknownReferenceException) {
            throw cause; // about the whole course, not one session: answered as for a single booking
        }
        int index = e.index();
        boolean taken = cause instanceof SlotUnavailableException || cause instanceof AppointmentStateException;
        List<Instant> before = starts.subList(0, index);
        return new SessionNotPlaceableException(index + 1,
                taken ? SessionNotPlaceableException.Reason.TAKEN : SessionNotPlaceableException.Reason.NOT_BOOKABLE,
                "Session " + (index + 1) + " cannot be booked at " + starts.get(index) + ": " + cause.getMessage(),
                planner.window(request, zone, before, starts.get(index)),
                planner.alternatives(request, zone, length, before, starts.get(index)));
    }

    /** Storing the course failed after its sessions were booked: cancel them, so nothing stays half-way. */
    private void giveBack(List<Appointment> booked) {
        for (Appointment session : booked) {
            try {
                appointments.cancel(session.id(), null, Party.CLINIC);
            } catch (RuntimeException e) {
                log.warn("Could not give back session appointment {} of a course that was not stored", session.id(),
                        e);
            }
        }
    }

    private ZoneId zoneOf(Course course) {
        return catalog.clinic(course.clinicId()).map(clinic -> ZoneId.of(clinic.timeZone()))
                .orElseThrow(() -> new IllegalStateException("Course " + course.id() + " of unknown clinic "
                        + course.clinicId()));
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }
}
