package com.clinicbackbone.booking.waitlist.web;

import com.clinicbackbone.booking.waitlist.InvalidWaitlistEntryException;
import com.clinicbackbone.booking.waitlist.WaitlistEntryNotFoundException;
import com.clinicbackbone.booking.waitlist.WaitlistStateException;
import java.util.List;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * RFC 9457 problems for the waitlist's own exceptions; everything else (bad JSON, bean validation, unknown references,
 * booking rules, patients that cannot be booked) is answered by the application's general handler.
 */
@RestControllerAdvice(assignableTypes = WaitlistController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class WaitlistExceptionHandler {

    @ExceptionHandler
    ProblemDetail invalid(InvalidWaitlistEntryException ex) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid request",
                "Invalid fields: " + ex.field() + " " + ex.getMessage());
        problem.setProperty("errors", List.of(Map.of("field", ex.field(), "message", ex.getMessage())));
        return problem;
    }

    @ExceptionHandler
    ProblemDetail notFound(WaitlistEntryNotFoundException ex) {
        return problem(HttpStatus.NOT_FOUND, "Not found", ex.getMessage());
    }

    @ExceptionHandler
    ProblemDetail state(WaitlistStateException ex) {
        return problem(HttpStatus.CONFLICT, "Conflicting waitlist state", ex.getMessage());
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }
}
