package com.clinicbackbone.booking.course;

import com.clinicbackbone.booking.appointment.Appointment;
import com.clinicbackbone.booking.appointment.AppointmentStatus;
import java.util.List;

/** A course with its sessions' appointments as they are now, session 1 first. */
public record CourseView(Course course, List<Appointment> sessions) {

    public CourseView {
        sessions = List.copyOf(sessions);
    }

    /**
     * Where the course stands: done = COMPLETED, missed = NO_SHOW, cancelled = CANCELLED, upcoming = every other
     * session (booked, confirmed or checked in: not yet happened and not cancelled).
     */
    public record Progress(int done, int upcoming, int missed, int cancelled) {
    }

    public Progress progress() {
        return new Progress(count(AppointmentStatus.COMPLETED),
                sessions.size() - count(AppointmentStatus.COMPLETED) - count(AppointmentStatus.NO_SHOW)
                        - count(AppointmentStatus.CANCELLED),
                count(AppointmentStatus.NO_SHOW), count(AppointmentStatus.CANCELLED));
    }

    private int count(AppointmentStatus status) {
        return (int) sessions.stream().filter(session -> session.status() == status).count();
    }
}
