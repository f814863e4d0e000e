package com.clinicbackbone.web.desk;

import com.clinicbackbone.web.backbone.Appointment;
import com.clinicbackbone.web.backbone.Availability;
import com.clinicbackbone.web.backbone.Backbone;
import com.clinicbackbone.web.backbone.BackboneProblem;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the desk pages ask the services, always with the signed-in desk's own token: the services decide what the
 * desk may see and do (another clinic's data is refused there too). Refusals come back as
 * {@link BackboneProblem}; a course that cannot be planned as {@link CourseRefusal}.
 */
@Component
public class DeskBackbone {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Backbone backbone;

    DeskBackbone(Backbone backbone) {
        this.backbone = backbone;
    }

    public Schedule.WeeklyHours hours(String practitionerId, String clinicId) {
        Schedule.WeeklyHours hours = backbone.booking().get()
                .uri("/api/practitioners/{id}/hours/{clinicId}", practitionerId, clinicId)
                .retrieve().body(Schedule.WeeklyHours.class);
        return hours == null ? Schedule.WeeklyHours.none() : hours;
    }

    public List<Schedule.OneOff> oneOffs(String practitionerId, LocalDate from, LocalDate to) {
        return list(backbone.booking().get()
                .uri("/api/practitioners/{id}/exceptions?from={from}&to={to}", practitionerId, from, to)
                .retrieve().body(new ParameterizedTypeReference<List<Schedule.OneOff>>() { }));
    }

    public List<Schedule.Closure> closures(String clinicId, LocalDate from, LocalDate to) {
        return list(backbone.booking().get().uri("/api/clinics/{id}/closures?from={from}&to={to}", clinicId, from, to)
                .retrieve().body(new ParameterizedTypeReference<List<Schedule.Closure>>() { }));
    }

    /** The clinic's appointments of a clinic-local day, by start (cancelled ones included). */
    public List<Appointment> clinicDay(String clinicId, LocalDate date) {
        return list(backbone.booking().get().uri("/api/appointments?clinicId={id}&date={date}", clinicId, date)
                .retrieve().body(new ParameterizedTypeReference<List<Appointment>>() { }));
    }

    /** Free starts of the service (every practitioner providing it, or one), clinic-local dates inclusive. */
    public Availability availability(String clinicId, String serviceId, String practitionerId, LocalDate from,
                                     LocalDate to) {
        return backbone.booking().get().uri(uri -> {
            uri.path("/api/availability").queryParam("clinicId", clinicId).queryParam("serviceId", serviceId)
                    .queryParam("from", from).queryParam("to", to);
            if (practitionerId != null) {
                uri.queryParam("practitionerId", practitionerId);
            }
            return uri.build();
        }).retrieve().body(Availability.class);
    }

    public Appointment appointment(String id) {
        return backbone.booking().get().uri("/api/appointments/{id}", id).retrieve().body(Appointment.class);
    }

    /** confirm, check-in, complete or no-show. */
    public Appointment act(String id, String action) {
        return backbone.booking().post().uri("/api/appointments/{id}/{action}", id, action)
                .retrieve().body(Appointment.class);
    }

    public Appointment cancel(String id, String reason) {
        return backbone.booking().post().uri("/api/appointments/{id}/cancel", id)
                .body(Map.of("reason", reason == null ? "" : reason)).retrieve().body(Appointment.class);
    }

    public Appointment reschedule(String id, Instant start) {
        return backbone.booking().post().uri("/api/appointments/{id}/reschedule", id)
                .body(Map.of("start", start)).retrieve().body(Appointment.class);
    }

    /** A booking as the desk ({@code walkIn}: no start, it starts now); a retry with the same key books once. */
    public record Booking(String clinicId, String serviceId, String practitionerId, String patientId, Instant start,
                          Boolean walkIn) {
    }

    public Appointment book(Booking booking, String idempotencyKey) {
        return backbone.booking().post().uri("/api/appointments").header("Idempotency-Key", idempotencyKey)
                .body(booking).retrieve().body(Appointment.class);
    }

    public List<Patient> searchPatients(String name) {
        return list(backbone.patients().get().uri("/api/patients?name={name}", name)
                .retrieve().body(new ParameterizedTypeReference<List<Patient>>() { }));
    }

    public Patient patient(String id) {
        return backbone.patients().get().uri("/api/patients/{id}", id).retrieve().body(Patient.class);
    }

    /** {@code POST /api/patients}: 201 a new record, 200 an existing record of the same person linked instead. */
    public record Registration(String givenName, String familyName, LocalDate birthDate, String email, String phone,
                               String language, List<String> channels, String clinicId) {
    }

    public Patient register(Registration registration) {
        ResponseEntity<Patient> answer = backbone.patients().post().uri("/api/patients").body(registration)
                .retrieve().toEntity(Patient.class);
        Patient patient = answer.getBody();
        boolean linked = answer.getStatusCode().value() == 200 || patient.linked();
        return new Patient(patient.id(), patient.givenName(), patient.familyName(), patient.birthDate(),
                patient.email(), patient.phone(), patient.language(), patient.clinicIds(), linked);
    }

    public List<Notification> notifications(String appointmentId) {
        return list(backbone.notifications().get().uri("/api/notifications?appointmentId={id}", appointmentId)
                .retrieve().body(new ParameterizedTypeReference<List<Notification>>() { }));
    }

    /** {@code POST /api/courses}: sessions from {@code firstStart} with clinic-local preferences. */
    public record CoursePlan(String clinicId, String serviceId, String practitionerId, String patientId,
                             Integer sessions, Integer minDaysBetween, Integer maxDaysBetween, Instant firstStart,
                             List<DayOfWeek> preferredWeekdays, List<LocalTime> preferredTimes) {
    }

    /** Plans and books every session, or none: then {@link CourseRefusal} with the alternatives. */
    public Course planCourse(CoursePlan plan, String idempotencyKey) {
        return backbone.booking().post().uri("/api/courses").header("Idempotency-Key", idempotencyKey).body(plan)
                .retrieve()
                .onStatus(status -> status.value() == 409 || status.value() == 422, (request, response) -> {
                    JsonNode problem = JSON.readTree(response.getBody());
                    if (!problem.has("session")) {
                        throw problem(response.getStatusCode().value(), problem);
                    }
                    throw refusal(problem);
                })
                .body(Course.class);
    }

    public List<Course> courses(String patientId) {
        return list(backbone.booking().get().uri("/api/courses?patientId={id}", patientId)
                .retrieve().body(new ParameterizedTypeReference<List<Course>>() { }));
    }

    static CourseRefusal refusal(JsonNode problem) {
        List<Instant> alternatives = new ArrayList<>();
        problem.path("alternatives").forEach(start -> alternatives.add(Instant.parse(start.asString())));
        return new CourseRefusal(problem.path("detail").asString(""), problem.path("session").asInt(0),
                problem.path("reason").asString(""), date(problem.path("allowedFrom")),
                date(problem.path("allowedTo")), alternatives);
    }

    private static LocalDate date(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? null : LocalDate.parse(node.asString());
    }

    /** Any other refusal of a course, as every page shows refusals (rule, field errors). */
    private static BackboneProblem problem(int status, JsonNode problem) {
        Map<String, String> errors = new LinkedHashMap<>();
        problem.path("errors").forEach(error -> errors.put(error.path("field").asString(""),
                error.path("message").asString("")));
        return new BackboneProblem(status, problem.path("title").asString(""),
                problem.path("detail").asString(null), problem.path("rule").asString(null), errors);
    }

    private static <T> List<T> list(List<T> body) {
        return body == null ? List.of() : body;
    }
}
