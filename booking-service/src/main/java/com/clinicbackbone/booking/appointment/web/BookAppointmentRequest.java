package com.clinicbackbone.booking.appointment.web;

import com.clinicbackbone.booking.appointment.BookAppointment;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;

record BookAppointmentRequest(@NotBlank @Size(max = 100) String clinicId,
                              @NotBlank @Size(max = 100) String serviceId,
                              @NotBlank @Size(max = 100) String practitionerId,
                              @NotBlank @Size(max = 100) String patientId,
                              @NotNull Instant start) {

    BookAppointment toCommand() {
        return new BookAppointment(clinicId, serviceId, practitionerId, patientId, start);
    }
}
