package com.clinicbackbone.events;

import java.util.List;

/**
 * A treatment course was planned and every session booked (each session's own {@link AppointmentBooked} goes out on
 * {@link Topics#APPOINTMENTS}). Topic {@link Topics#COURSES}, key = course id. Ids only.
 *
 * @param appointmentIds the sessions' appointments, session 1 first
 */
public record CoursePlanned(String courseId, String clinicId, String serviceId, String practitionerId,
                            String patientId, List<String> appointmentIds) {

    public static final String TYPE = "clinic.course.planned.v1";
}
