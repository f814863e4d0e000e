package com.clinicbackbone.booking.course;

import com.clinicbackbone.booking.appointment.Appointment;
import com.clinicbackbone.events.CourseCancelled;
import com.clinicbackbone.events.CoursePlanned;
import com.clinicbackbone.events.CourseSessionRescheduled;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * A treatment course: a series of sessions (appointments of one service with one practitioner for one patient)
 * kept {@code minDaysBetween}..{@code maxDaysBetween} clinic-local days apart. Holds the sessions' appointment ids in
 * order; their times and statuses live in the appointments. Registers one event per change; the revision grows by
 * one with every change.
 */
public final class Course {

    private final String id;
    private final String clinicId;
    private final String serviceId;
    private final String practitionerId;
    private final String patientId;
    private final int minDaysBetween;
    private final int maxDaysBetween;
    private final List<String> appointmentIds;
    private final Instant createdAt;
    private CourseStatus status;
    private Instant cancelledAt;
    private long revision;
    private final List<Object> events = new ArrayList<>();

    private Course(String id, String clinicId, String serviceId, String practitionerId, String patientId,
                   int minDaysBetween, int maxDaysBetween, List<String> appointmentIds, Instant createdAt,
                   CourseStatus status, Instant cancelledAt, long revision) {
        this.id = id;
        this.clinicId = clinicId;
        this.serviceId = serviceId;
        this.practitionerId = practitionerId;
        this.patientId = patientId;
        this.minDaysBetween = minDaysBetween;
        this.maxDaysBetween = maxDaysBetween;
        this.appointmentIds = List.copyOf(appointmentIds);
        this.createdAt = createdAt;
        this.status = status;
        this.cancelledAt = cancelledAt;
        this.revision = revision;
    }

    /** The course whose sessions were just booked, session 1 first. */
    public static Course plan(String id, PlanCourse request, List<Appointment> sessions, Instant now) {
        Course course = new Course(id, request.clinicId(), request.serviceId(), request.practitionerId(),
                request.patientId(), request.minDaysBetween(), request.maxDaysBetween(),
                sessions.stream().map(Appointment::id).toList(), now.truncatedTo(ChronoUnit.MILLIS),
                CourseStatus.ACTIVE, null, 1);
        course.events.add(new CoursePlanned(id, course.clinicId, course.serviceId, course.practitionerId,
                course.patientId, course.appointmentIds));
        return course;
    }

    /** A course as it was stored. */
    public static Course restore(String id, String clinicId, String serviceId, String practitionerId,
                                 String patientId, int minDaysBetween, int maxDaysBetween,
                                 List<String> appointmentIds, Instant createdAt, CourseStatus status,
                                 Instant cancelledAt, long revision) {
        return new Course(id, clinicId, serviceId, practitionerId, patientId, minDaysBetween, maxDaysBetween,
                appointmentIds, createdAt, status, cancelledAt, revision);
    }

    /** The appointment of session {@code number} (from 1). */
    public String appointmentId(int number) {
        if (number < 1 || number > appointmentIds.size()) {
            throw new CourseNotFoundException("Course " + id + " has no session " + number + "; its sessions are 1 to "
                    + appointmentIds.size());
        }
        return appointmentIds.get(number - 1);
    }

    public void requireActive(String verb) {
        if (status != CourseStatus.ACTIVE) {
            throw new CourseStateException("Course " + id + " is " + status + "; it cannot be " + verb);
        }
    }

    /** Records that session {@code number} moved (its appointment was rescheduled). */
    public void sessionRescheduled(int number, Appointment moved) {
        requireActive("changed");
        revision++;
        events.add(new CourseSessionRescheduled(id, number, appointmentId(number), moved.start(), moved.end()));
    }

    /** Marks the course cancelled; {@code cancelledAppointmentIds} are the sessions that were cancelled with it. */
    public void cancel(List<String> cancelledAppointmentIds, Instant now) {
        if (status == CourseStatus.CANCELLED) {
            throw new CourseStateException("Course " + id + " is already cancelled");
        }
        status = CourseStatus.CANCELLED;
        cancelledAt = now.truncatedTo(ChronoUnit.MILLIS);
        revision++;
        events.add(new CourseCancelled(id, List.copyOf(cancelledAppointmentIds)));
    }

    /** The events registered since the course was loaded or last stored, oldest first. */
    public List<Object> events() {
        return List.copyOf(events);
    }

    public void clearEvents() {
        events.clear();
    }

    public String id() {
        return id;
    }

    public String clinicId() {
        return clinicId;
    }

    public String serviceId() {
        return serviceId;
    }

    public String practitionerId() {
        return practitionerId;
    }

    public String patientId() {
        return patientId;
    }

    public int minDaysBetween() {
        return minDaysBetween;
    }

    public int maxDaysBetween() {
        return maxDaysBetween;
    }

    /** The sessions' appointment ids, session 1 first. */
    public List<String> appointmentIds() {
        return appointmentIds;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public CourseStatus status() {
        return status;
    }

    public Instant cancelledAt() {
        return cancelledAt;
    }

    public long revision() {
        return revision;
    }
}
