package com.clinicbackbone.booking.appointment.web;

import jakarta.validation.constraints.NotNull;
import java.time.Instant;

record RescheduleAppointmentRequest(@NotNull Instant start) {
}
