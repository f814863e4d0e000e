package com.clinicbackbone.events;

import java.time.Instant;

/**
 * A session of a treatment course moved (its appointment keeps its id and publishes its own
 * {@link AppointmentRescheduled}). Topic {@link Topics#COURSES}, key = course id. Ids and times only.
 *
 * @param number the session's number in the course, from 1
 */
public record CourseSessionRescheduled(String courseId, int number, String appointmentId, Instant start,
                                       Instant end) {

    public static final String TYPE = "clinic.course.session-rescheduled.v1";
}
