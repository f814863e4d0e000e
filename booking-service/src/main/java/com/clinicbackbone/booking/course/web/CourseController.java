package com.clinicbackbone.booking.course.web;

import com.clinicbackbone.booking.course.Course;
import com.clinicbackbone.booking.course.CourseNotFoundException;
import com.clinicbackbone.booking.course.CourseService;
import com.clinicbackbone.booking.course.CourseView;
import com.clinicbackbone.booking.idempotency.IdempotentRequests;
import com.clinicbackbone.booking.idempotency.StoredResponse;
import com.clinicbackbone.security.Caller;
import jakarta.validation.Valid;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.json.JsonMapper;

/** Treatment courses, as {@link CourseAccess} allows the caller; OPERATOR and AUDITOR have no access (403). */
@RestController
@RequestMapping("/api/courses")
class CourseController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";

    private final CourseService courses;
    private final IdempotentRequests idempotent;
    private final JsonMapper json;

    CourseController(CourseService courses, IdempotentRequests idempotent, JsonMapper json) {
        this.courses = courses;
        this.idempotent = idempotent;
        this.json = json;
    }

    /**
     * Plans and books every session, or none (409/422 naming the session, with alternatives). With an
     * {@code Idempotency-Key} a retry plans nothing more and gets the first answer again (header
     * {@code Idempotent-Replayed: true}); the key with a different request is 422.
     */
    @PostMapping
    @PreAuthorize("hasRole('FRONT_DESK')")
    ResponseEntity<?> plan(@Valid @RequestBody PlanCourseRequest request,
                           @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey,
                           Caller caller, UriComponentsBuilder uri) {
        CourseAccess.requireMayPlan(caller, request.clinicId());
        if (idempotencyKey == null) {
            CourseView planned = courses.plan(UUID.randomUUID().toString(), request.toCommand());
            return ResponseEntity.created(location(uri, planned.course().id())).body(CourseResponse.of(planned));
        }
        Function<CourseView, StoredResponse> created = view -> new StoredResponse(HttpStatus.CREATED.value(),
                view.course().id(), json.writeValueAsString(CourseResponse.of(view)));
        var outcome = idempotent.execute(caller.subject(), idempotencyKey, fingerprint(request),
                id -> created.apply(courses.plan(id, request.toCommand())),
                id -> courses.resume(id).map(created));
        StoredResponse response = outcome.response();
        var answer = ResponseEntity.status(response.status()).contentType(MediaType.APPLICATION_JSON)
                .location(location(uri, response.resourceId()));
        if (outcome.replayed()) {
            answer.header(REPLAYED, "true");
        }
        return answer.body(response.body());
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAnyRole('FRONT_DESK', 'PRACTITIONER', 'PATIENT')")
    CourseResponse get(@PathVariable String id, Caller caller) {
        return CourseResponse.of(courses.view(visible(id, caller)));
    }

    /** A patient's courses, oldest first: their own for a patient, those at the desk's clinics for the desk. */
    @GetMapping(params = "patientId")
    @PreAuthorize("hasAnyRole('FRONT_DESK', 'PATIENT')")
    List<CourseResponse> ofPatient(@RequestParam String patientId, Caller caller) {
        CourseAccess.requireMayList(caller, patientId);
        return courses.ofPatient(patientId).stream().filter(course -> CourseAccess.maySee(caller, course))
                .map(course -> CourseResponse.of(courses.view(course))).toList();
    }

    /** Moves the session within the course's gaps to its neighbouring active sessions (422 otherwise). */
    @PostMapping("/{id}/sessions/{number}/reschedule")
    @PreAuthorize("hasRole('FRONT_DESK')")
    CourseResponse reschedule(@PathVariable String id, @PathVariable int number,
                              @Valid @RequestBody RescheduleSessionRequest request, Caller caller) {
        visible(id, caller);
        return CourseResponse.of(courses.rescheduleSession(id, number, request.start()));
    }

    /** Cancels the sessions not yet started and the course; a second cancellation is 409. */
    @PostMapping("/{id}/cancel")
    @PreAuthorize("hasRole('FRONT_DESK')")
    CourseResponse cancel(@PathVariable String id, @Valid @RequestBody(required = false) CancelCourseRequest request,
                          Caller caller) {
        visible(id, caller);
        return CourseResponse.of(courses.cancel(id, request == null ? null : request.reason()));
    }

    /** The course if the caller may see it; otherwise the same 404 as for an unknown id. */
    private Course visible(String id, Caller caller) {
        Course course = courses.get(id);
        if (!CourseAccess.maySee(caller, course)) {
            throw new CourseNotFoundException("No course " + id);
        }
        return course;
    }

    private static URI location(UriComponentsBuilder uri, String id) {
        return uri.cloneBuilder().path("/api/courses/{id}").build(id);
    }

    /** The request as its canonical JSON, hashed. */
    private String fingerprint(PlanCourseRequest request) {
        try {
            byte[] canonical = json.writeValueAsString(request).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
