package com.clinicbackbone.booking.appointment.web;

import com.clinicbackbone.booking.appointment.Appointment;
import com.clinicbackbone.booking.appointment.AppointmentService;
import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

@RestController
@RequestMapping("/api/appointments")
class AppointmentController {

    private final AppointmentService appointments;

    AppointmentController(AppointmentService appointments) {
        this.appointments = appointments;
    }

    @PostMapping
    ResponseEntity<AppointmentResponse> book(@Valid @RequestBody BookAppointmentRequest request,
                                             UriComponentsBuilder uri) {
        Appointment appointment = appointments.book(request.toCommand());
        return ResponseEntity.created(uri.path("/api/appointments/{id}").build(appointment.id()))
                .body(AppointmentResponse.of(appointment));
    }

    @GetMapping("/{id}")
    AppointmentResponse get(@PathVariable String id) {
        return AppointmentResponse.of(appointments.get(id));
    }

    @PostMapping("/{id}/cancel")
    AppointmentResponse cancel(@PathVariable String id,
                               @Valid @RequestBody(required = false) CancelAppointmentRequest request) {
        return AppointmentResponse.of(appointments.cancel(id, request == null ? null : request.reason()));
    }
}
