package com.clinicbackbone.booking.course.web;

import com.clinicbackbone.booking.course.CourseGapException;
import com.clinicbackbone.booking.course.CourseNotFoundException;
import com.clinicbackbone.booking.course.CourseStateException;
import com.clinicbackbone.booking.course.DateWindow;
import com.clinicbackbone.booking.course.InvalidCourseException;
import com.clinicbackbone.booking.course.SessionNotPlaceableException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * RFC 9457 problems for the course endpoints' own exceptions; everything else (bad JSON, bean validation, unknown
 * references, appointment conflicts) is answered by the application's general handler.
 */
@RestControllerAdvice(assignableTypes = CourseController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class CourseExceptionHandler {

    @ExceptionHandler
    ProblemDetail invalidCourse(InvalidCourseException ex) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid request",
                "Invalid fields: " + ex.field() + " " + ex.getMessage());
        problem.setProperty("errors", List.of(Map.of("field", ex.field(), "message", ex.getMessage())));
        return problem;
    }

    /**
     * 409 when the session's time is not free (or no preferred start is), 422 when a rule refuses it; names the
     * {@code session} (from 1), the {@code reason}, the dates its gap allows and up to five {@code alternatives}.
     */
    @ExceptionHandler
    ProblemDetail sessionNotPlaceable(SessionNotPlaceableException ex) {
        ProblemDetail problem = problem(ex.isConflict() ? HttpStatus.CONFLICT : HttpStatus.UNPROCESSABLE_CONTENT,
                "Session cannot be booked", ex.getMessage() + "; nothing was booked");
        problem.setProperty("session", ex.session());
        problem.setProperty("reason", ex.reason().name());
        window(problem, ex.window());
        problem.setProperty("alternatives", ex.alternatives().stream().map(Instant::toString).toList());
        return problem;
    }

    /** 422 naming the session, the neighbouring session whose gap breaks and the dates the session may move to. */
    @ExceptionHandler
    ProblemDetail gap(CourseGapException ex) {
        ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_CONTENT, "Session breaks the course's gaps",
                ex.getMessage());
        problem.setProperty("session", ex.session());
        problem.setProperty("neighbour", ex.neighbour());
        window(problem, ex.allowed());
        return problem;
    }

    @ExceptionHandler
    ProblemDetail notFound(CourseNotFoundException ex) {
        return problem(HttpStatus.NOT_FOUND, "Not found", ex.getMessage());
    }

    @ExceptionHandler
    ProblemDetail state(CourseStateException ex) {
        return problem(HttpStatus.CONFLICT, "Conflicting course state", ex.getMessage());
    }

    private static void window(ProblemDetail problem, DateWindow window) {
        if (window != null) {
            problem.setProperty("allowedFrom", window.from().toString());
            problem.setProperty("allowedTo", window.to().toString());
        }
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }
}
