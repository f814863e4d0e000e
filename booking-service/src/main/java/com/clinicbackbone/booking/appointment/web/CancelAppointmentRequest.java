package com.clinicbackbone.booking.appointment.web;

import com.clinicbackbone.booking.appointment.Appointment;
import jakarta.validation.constraints.Size;

record CancelAppointmentRequest(@Size(max = Appointment.MAX_REASON_LENGTH) String reason) {
}
