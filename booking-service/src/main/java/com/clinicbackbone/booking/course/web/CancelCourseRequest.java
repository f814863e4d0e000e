package com.clinicbackbone.booking.course.web;

import com.clinicbackbone.booking.appointment.Appointment;
import jakarta.validation.constraints.Size;

/** Why the course is cancelled (optional free text; it stays in the service, never in an event). */
record CancelCourseRequest(@Size(max = Appointment.MAX_REASON_LENGTH) String reason) {
}
