package com.clinicbackbone.web.me.web;

import com.clinicbackbone.web.backbone.Appointment;
import com.clinicbackbone.web.backbone.Availability;
import com.clinicbackbone.web.backbone.Backbone;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.stereotype.Component;

/**
 * The signed-in patient's appointments and courses, always with their own token: booking-service decides what is
 * theirs (another patient's appointment answers 404, exactly like an unknown one).
 */
@Component
class MyAppointments {

    private final Backbone backbone;

    MyAppointments(Backbone backbone) {
        this.backbone = backbone;
    }

    /** The patient's appointments at every clinic, 400 days back and ahead, by start (one call). */
    List<Appointment> of(String patientId) {
        List<Appointment> appointments = backbone.booking().get().uri("/api/appointments?patientId={id}", patientId)
                .retrieve().body(new ParameterizedTypeReference<List<Appointment>>() { });
        return appointments == null ? List.of() : appointments;
    }

    List<Course> courses(String patientId) {
        List<Course> courses = backbone.booking().get().uri("/api/courses?patientId={id}", patientId).retrieve()
                .body(new ParameterizedTypeReference<List<Course>>() { });
        return courses == null ? List.of() : courses;
    }

    /** The appointment, or a 404 problem when it is not the patient's. */
    Appointment get(String id) {
        return backbone.booking().get().uri("/api/appointments/{id}", id).retrieve().body(Appointment.class);
    }

    Appointment book(String patientId, BookingForm form) {
        return backbone.booking().post().uri("/api/appointments")
                .headers(headers -> {
                    if (form.idempotencyKey() != null) {
                        headers.set("Idempotency-Key", form.idempotencyKey());
                    }
                })
                .body(Map.of("clinicId", form.clinicId(), "serviceId", form.serviceId(),
                        "practitionerId", form.practitionerId(), "patientId", patientId, "start", form.start()))
                .retrieve().body(Appointment.class);
    }

    Appointment cancel(String id) {
        return backbone.booking().post().uri("/api/appointments/{id}/cancel", id)
                .body(Map.of("reason", "cancelled online by the patient")).retrieve().body(Appointment.class);
    }

    Appointment move(String id, Instant start) {
        return backbone.booking().post().uri("/api/appointments/{id}/reschedule", id)
                .body(Map.of("start", start)).retrieve().body(Appointment.class);
    }

    /** Free times as the patient (the online rules apply), of one practitioner. */
    Availability freeTimes(Appointment appointment, LocalDate from, LocalDate to) {
        return backbone.booking().get()
                .uri("/api/availability?clinicId={c}&serviceId={s}&practitionerId={p}&from={f}&to={t}",
                        appointment.clinicId(), appointment.serviceId(), appointment.practitionerId(), from, to)
                .retrieve().body(Availability.class);
    }

    /** A treatment course as {@code GET /api/courses?patientId=} gives it. */
    record Course(String id, String clinicId, String serviceId, String practitionerId, String status,
                  List<Session> sessions, Progress progress) {

        record Session(int number, String appointmentId, Instant start, Instant end, String status) {
        }

        record Progress(int done, int upcoming, int missed, int cancelled) {
        }
    }
}
