package com.clinicbackbone.patient.patient.web;

import com.clinicbackbone.patient.patient.ConcurrentChangeException;
import com.clinicbackbone.patient.patient.InvalidPatientException;
import com.clinicbackbone.patient.patient.NotPermittedException;
import com.clinicbackbone.patient.patient.PatientNotFoundException;
import com.clinicbackbone.patient.patient.Violation;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;

/**
 * Turns errors into RFC 9457 problems. A 400 names each wrong field in {@code errors} ({@code field},
 * {@code message}) and in {@code detail}; submitted values are never echoed (they may be PHI).
 */
@RestControllerAdvice
class PatientProblems extends ResponseEntityExceptionHandler {

    @ExceptionHandler
    ProblemDetail invalidPatient(InvalidPatientException e) {
        return badRequest(e.violations());
    }

    /** Unknown, erased, merged, or not visible to the caller: the same answer, so existence does not leak. */
    @ExceptionHandler
    ProblemDetail notFound(PatientNotFoundException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setTitle("Patient not found");
        return problem;
    }

    @ExceptionHandler
    ProblemDetail notPermitted(NotPermittedException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage());
        problem.setTitle("Forbidden");
        return problem;
    }

    @ExceptionHandler
    ProblemDetail concurrentChange(ConcurrentChangeException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                "The patient was changed at the same time; nothing was written. Read it again and retry.");
        problem.setTitle("Concurrent change");
        return problem;
    }

    @ExceptionHandler
    ProblemDetail bodyTooLarge(BodySizeLimit.BodyTooLargeException e) {
        return badRequest(List.of(new Violation("body", "must be at most " + BodySizeLimit.MAX_BYTES + " bytes")));
    }

    /** Malformed JSON, or a value of the wrong type or format (named when Jackson knows the field). */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        ProblemDetail problem;
        if (e.getCause() instanceof DatabindException cause) {
            String field = fieldOf(cause);
            problem = field == null
                    ? problem("The request body does not have the expected fields and types.", List.of())
                    : badRequest(List.of(new Violation(field, "has the wrong type or format")));
        } else {
            problem = problem("The request body is not valid JSON.", List.of());
        }
        return handleExceptionInternal(e, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    private static String fieldOf(JacksonException e) {
        if (e.getPath().isEmpty()) {
            return null;
        }
        StringBuilder field = new StringBuilder();
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                field.append(field.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                field.append('[').append(reference.getIndex()).append(']');
            }
        }
        return field.isEmpty() ? null : field.toString();
    }

    private static ProblemDetail badRequest(List<Violation> violations) {
        String fields = violations.stream().map(Violation::field).distinct().collect(Collectors.joining(", "));
        return problem("Invalid " + fields + ".", violations);
    }

    private static ProblemDetail problem(String detail, List<Violation> violations) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setTitle("Invalid request");
        problem.setProperty("errors", violations);
        return problem;
    }
}
