package com.clinicbackbone.booking.course.web;

import com.clinicbackbone.booking.course.Course;
import com.clinicbackbone.booking.course.CourseNotFoundException;
import com.clinicbackbone.booking.course.CourseService;
import com.clinicbackbone.booking.web.IdempotentCreation;
import com.clinicbackbone.security.Caller;
import com.clinicbackbone.security.apidocs.ProblemResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
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

/** Treatment courses, as {@link CourseAccess} allows the caller; OPERATOR and AUDITOR have no access (403). */
@Tag(name = "Treatment courses", description = "Series of sessions kept a number of days apart, booked all or none.")
@RestController
@RequestMapping("/api/courses")
class CourseController {

    private final CourseService courses;
    private final IdempotentCreation creation;

    CourseController(CourseService courses, IdempotentCreation creation) {
        this.courses = courses;
        this.creation = creation;
    }

    /**
     * Plans and books every session, or none (409/422 naming the session, with alternatives). With an
     * {@code Idempotency-Key} a retry plans nothing more and gets the first answer again (header
     * {@code Idempotent-Replayed: true}); the key with a different request is 422.
     */
    @Operation(summary = "Plan and book a treatment course", description = """
            Books every session or none: either `sessions` (1-10) from `firstStart`, each next one on the earliest \
            date of its gap window that is a preferred weekday with a free preferred time, or every session's \
            `starts`. A session that cannot be placed answers 409 (taken) or 422 (a rule), naming the `session`, \
            the `reason`, the dates its gap allows (`allowedFrom`, `allowedTo`) and up to five free `alternatives`.""")
    @ApiResponse(responseCode = "201", description = "Planned and booked; `Location` is its URL (with an `Idempotency-Key`: the first answer again on a retry, `Idempotent-Replayed: true`).",
            content = @Content(schema = @Schema(implementation = CourseResponse.class)))
    @ProblemResponses({403, 409, 422})
    @PostMapping
    @PreAuthorize("hasRole('FRONT_DESK')")
    ResponseEntity<?> plan(@Valid @RequestBody PlanCourseRequest request,
                           @RequestHeader(name = IdempotentCreation.IDEMPOTENCY_KEY, required = false)
                           String idempotencyKey,
                           Caller caller, UriComponentsBuilder uri) {
        CourseAccess.requireMayPlan(caller, request.clinicId());
        return creation.create(caller.subject(), idempotencyKey, "POST /api/courses", request,
                id -> CourseResponse.of(courses.plan(id, request.toCommand())),
                id -> courses.resume(id).map(CourseResponse::of),
                id -> uri.cloneBuilder().path("/api/courses/{id}").build(id));
    }

    @Operation(summary = "Read a treatment course", description = "Each session's live status and the `progress`.")
    @ProblemResponses(404)
    @GetMapping("/{id}")
    @PreAuthorize("hasAnyRole('FRONT_DESK', 'PRACTITIONER', 'PATIENT')")
    CourseResponse get(@PathVariable String id, Caller caller) {
        return CourseResponse.of(courses.view(visible(id, caller)));
    }

    /** A patient's courses, oldest first: their own for a patient, those at the desk's clinics for the desk. */
    @Operation(summary = "List a patient's treatment courses", description = """
            Oldest first: a patient their own, the front desk those at its clinics.""")
    @GetMapping(params = "patientId")
    @PreAuthorize("hasAnyRole('FRONT_DESK', 'PATIENT')")
    List<CourseResponse> ofPatient(@RequestParam String patientId, Caller caller) {
        CourseAccess.requireMayList(caller, patientId);
        return courses.ofPatient(patientId).stream().filter(course -> CourseAccess.maySee(caller, course))
                .map(course -> CourseResponse.of(courses.view(course))).toList();
    }

    /** Moves the session within the course's gaps to its neighbouring active sessions (422 otherwise). */
    @Operation(summary = "Move a session of a course", description = """
            Within the gaps to the neighbouring active sessions; 422 names the broken gap (`neighbour`) and the \
            dates the session may move to. The appointment keeps its id.""")
    @ProblemResponses({404, 409, 422})
    @PostMapping("/{id}/sessions/{number}/reschedule")
    @PreAuthorize("hasRole('FRONT_DESK')")
    CourseResponse reschedule(@PathVariable String id, @PathVariable int number,
                              @Valid @RequestBody RescheduleSessionRequest request, Caller caller) {
        visible(id, caller);
        return CourseResponse.of(courses.rescheduleSession(id, number, request.start()));
    }

    /** Cancels the sessions not yet started and the course; a second cancellation is 409. */
    @Operation(summary = "Cancel a treatment course", description = "Cancels the sessions not yet started.")
    @ProblemResponses({404, 409})
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
}
