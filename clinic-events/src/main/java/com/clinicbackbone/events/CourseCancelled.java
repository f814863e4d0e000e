package com.clinicbackbone.events;

import java.util.List;

/**
 * A treatment course was cancelled: its sessions still ahead were cancelled (each publishes its own
 * {@link AppointmentCancelled}); sessions that had already started or ended stay as they are. Topic
 * {@link Topics#COURSES}, key = course id. Ids only.
 */
public record CourseCancelled(String courseId, List<String> cancelledAppointmentIds) {

    public static final String TYPE = "clinic.course.cancelled.v1";
}
