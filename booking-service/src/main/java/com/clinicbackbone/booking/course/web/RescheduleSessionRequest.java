package com.clinicbackbone.booking.course.web;

import jakarta.validation.constraints.NotNull;
import java.time.Instant;

/** The session's new start. */
record RescheduleSessionRequest(@NotNull Instant start) {
}
