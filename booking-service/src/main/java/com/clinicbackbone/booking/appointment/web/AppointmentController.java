package com.clinicbackbone.booking.appointment.web;

import com.clinicbackbone.booking.appointment.Appointment;
import com.clinicbackbone.booking.appointment.AppointmentNotFoundException;
import com.clinicbackbone.booking.appointment.AppointmentService;
import com.clinicbackbone.security.Caller;
import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/** Appointments, as {@link AppointmentAccess} allows the caller; OPERATOR and AUDITOR have no access (403). */
@RestController
@RequestMapping("/api/appointments")
class AppointmentController {

    private final AppointmentService appointments;

    AppointmentController(AppointmentService appointments) {
        this.appointments = appointments;
    }

    @PostMapping
    @PreAuthorize("hasAnyRole('FRONT_DESK', 'PATIENT')")
    ResponseEntity<AppointmentResponse> book(@Valid @RequestBody BookAppointmentRequest request, Caller caller,
                                             UriComponentsBuilder uri) {
        AppointmentAccess.requireMayBook(caller, request.clinicId(), request.patientId());
        Appointment appointment = appointments.book(request.toCommand());
        return ResponseEntity.created(uri.path("/api/appointments/{id}").build(appointment.id()))
                .body(AppointmentResponse.of(appointment));
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAnyRole('FRONT_DESK', 'PRACTITIONER', 'PATIENT')")
    AppointmentResponse get(@PathVariable String id, Caller caller) {
        return AppointmentResponse.of(visible(id, caller));
    }

    @PostMapping("/{id}/cancel")
    @PreAuthorize("hasAnyRole('FRONT_DESK', 'PATIENT')")
    AppointmentResponse cancel(@PathVariable String id,
                               @Valid @RequestBody(required = false) CancelAppointmentRequest request,
                               Caller caller) {
        visible(id, caller);
        return AppointmentResponse.of(appointments.cancel(id, request == null ? null : request.reason()));
    }

    /** The appointment if the caller may see it; otherwise the same 404 as for an unknown id. */
    private Appointment visible(String id, Caller caller) {
        Appointment appointment = appointments.get(id);
        if (!AppointmentAccess.maySee(caller, appointment)) {
            throw new AppointmentNotFoundException(id);
        }
        return appointment;
    }
}
