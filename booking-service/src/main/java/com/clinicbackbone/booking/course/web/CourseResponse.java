package com.clinicbackbone.booking.course.web;

import com.clinicbackbone.booking.appointment.Appointment;
import com.clinicbackbone.booking.course.Course;
import com.clinicbackbone.booking.course.CourseView;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

/** A course with its sessions' live status and its progress; {@code cancelledAt} only once cancelled. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record CourseResponse(String id, String clinicId, String serviceId, String practitionerId, String patientId,
                      int minDaysBetween, int maxDaysBetween, String status, long revision, Instant createdAt,
                      Instant cancelledAt, List<Session> sessions, CourseView.Progress progress) {

    record Session(int number, String appointmentId, Instant start, Instant end, String status) {
    }

    static CourseResponse of(CourseView view) {
        Course course = view.course();
        List<Session> sessions = IntStream.range(0, view.sessions().size()).mapToObj(i -> {
            Appointment session = view.sessions().get(i);
            return new Session(i + 1, session.id(), session.start(), session.end(), session.status().name());
        }).toList();
        return new CourseResponse(course.id(), course.clinicId(), course.serviceId(), course.practitionerId(),
                course.patientId(), course.minDaysBetween(), course.maxDaysBetween(), course.status().name(),
                course.revision(), course.createdAt(), course.cancelledAt(), sessions, view.progress());
    }
}
