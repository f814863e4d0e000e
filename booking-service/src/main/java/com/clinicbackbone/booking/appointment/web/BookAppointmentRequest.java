package com.clinicbackbone.booking.appointment.web;

import com.clinicbackbone.booking.appointment.BookAppointment;
import com.clinicbackbone.booking.appointment.Party;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/** A booking; a walk-in ({@code walkIn: true}, front desk only) has no start: it starts now. */
@StartFitsWalkIn
record BookAppointmentRequest(@NotBlank @Size(max = 100) String clinicId,
                              @NotBlank @Size(max = 100) String serviceId,
                              @NotBlank @Size(max = 100) String practitionerId,
                              @NotBlank @Size(max = 100) String patientId,
                              Instant start,
                              Boolean walkIn) {

    /** {@code walkIn} is never null: left out means false. */
    BookAppointmentRequest {
        walkIn = Boolean.TRUE.equals(walkIn);
    }

    BookAppointment toCommand(Party by) {
        return new BookAppointment(clinicId, serviceId, practitionerId, patientId, start, walkIn, by);
    }
}
