package com.clinicbackbone.booking.web;

import com.clinicbackbone.booking.appointment.AppointmentNotFoundException;
import com.clinicbackbone.booking.appointment.AppointmentStateException;
import com.clinicbackbone.booking.appointment.BookingRuleException;
import com.clinicbackbone.booking.appointment.InvalidAppointmentException;
import com.clinicbackbone.booking.appointment.LateChangeException;
import com.clinicbackbone.booking.appointment.SlotUnavailableException;
import com.clinicbackbone.booking.appointment.UnknownReferenceException;
import com.clinicbackbone.booking.clinic.InvalidFieldException;
import com.clinicbackbone.booking.clinic.UnknownClinicException;
import com.clinicbackbone.booking.clinic.UnknownPractitionerException;
import com.clinicbackbone.booking.clinic.UnknownServiceException;
import com.clinicbackbone.booking.idempotency.IdempotencyKeyReusedException;
import com.clinicbackbone.booking.idempotency.InvalidIdempotencyKeyException;
import com.clinicbackbone.booking.idempotency.RequestInProgressException;
import com.clinicbackbone.booking.patient.PatientNotBookableException;
import com.clinicbackbone.booking.schedule.ScheduleConflictException;
import com.clinicbackbone.booking.schedule.ScheduleEntryNotFoundException;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;

/** Answers with RFC 9457 problems; bad fields are listed in {@code errors} as {@code {field, message}}. */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    record FieldError(String field, String message) {
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        List<FieldError> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(error -> new FieldError(error.getField(), error.getDefaultMessage()))
                .sorted(Comparator.comparing(FieldError::field))
                .toList();
        return ResponseEntity.badRequest().body(invalid(HttpStatus.BAD_REQUEST, errors));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        String field = ex.getCause() instanceof JacksonException jackson
                ? jackson.getPath().stream().map(JacksonException.Reference::getPropertyName)
                        .filter(name -> name != null).collect(Collectors.joining("."))
                : "";
        if (field.isEmpty()) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                    "The request body is missing or is not valid JSON");
            problem.setTitle("Unreadable request");
            return ResponseEntity.badRequest().body(problem);
        }
        return ResponseEntity.badRequest().body(invalid(HttpStatus.BAD_REQUEST,
                List.of(new FieldError(field, "has the wrong type or format"))));
    }

    @ExceptionHandler
    ProblemDetail invalidAppointment(InvalidAppointmentException ex) {
        return invalid(HttpStatus.BAD_REQUEST, List.of(new FieldError(ex.field(), ex.getMessage())));
    }

    @ExceptionHandler
    ProblemDetail unknownReference(UnknownReferenceException ex) {
        ProblemDetail problem = invalid(HttpStatus.UNPROCESSABLE_CONTENT,
                List.of(new FieldError(ex.field(), ex.getMessage())));
        problem.setTitle("Unknown reference");
        return problem;
    }

    /** 422 naming {@code patientId}; {@code reason} is machine-readable, {@code survivingPatientId} set for a merge. */
    @ExceptionHandler
    ProblemDetail patientNotBookable(PatientNotBookableException ex) {
        ProblemDetail problem = invalid(HttpStatus.UNPROCESSABLE_CONTENT,
                List.of(new FieldError("patientId", ex.getMessage())));
        problem.setTitle("Patient cannot be booked");
        problem.setProperty("reason", ex.reason().name());
        if (ex.survivingPatientId() != null) {
            problem.setProperty("survivingPatientId", ex.survivingPatientId());
        }
        return problem;
    }

    /**
     * A scheduling rule: 422, but 409 when no room/device is free and 403 when a patient asks online for a service
     * only the desk books; {@code rule} names it, {@code errors} the field.
     */
    @ExceptionHandler
    ProblemDetail bookingRule(BookingRuleException ex) {
        HttpStatus status = switch (ex.rule()) {
            case NO_FREE_RESOURCE -> HttpStatus.CONFLICT;
            case NOT_ONLINE_BOOKABLE -> HttpStatus.FORBIDDEN;
            default -> HttpStatus.UNPROCESSABLE_CONTENT;
        };
        ProblemDetail problem = problem(status, "Booking rule not met", ex.getMessage());
        problem.setProperty("rule", ex.rule().name());
        problem.setProperty("errors", List.of(new FieldError(ex.field(), ex.getMessage())));
        return problem;
    }

    @ExceptionHandler
    ProblemDetail invalidField(InvalidFieldException ex) {
        return invalid(HttpStatus.BAD_REQUEST, List.of(new FieldError(ex.field(), ex.getMessage())));
    }

    @ExceptionHandler
    ProblemDetail scheduleConflict(ScheduleConflictException ex) {
        return problem(HttpStatus.CONFLICT, "Conflicting schedule", ex.getMessage());
    }

    @ExceptionHandler
    ProblemDetail slotUnavailable(SlotUnavailableException ex) {
        return problem(HttpStatus.CONFLICT, "Time not available", ex.getMessage());
    }

    /** 409 saying why; {@code appointmentStatus} is the appointment's status when that rules the change out. */
    @ExceptionHandler
    ProblemDetail stateConflict(AppointmentStateException ex) {
        ProblemDetail problem = problem(HttpStatus.CONFLICT, "Conflicting appointment state", ex.getMessage());
        if (ex.status() != null) {
            problem.setProperty("appointmentStatus", ex.status().name());
        }
        return problem;
    }

    /** 422: a patient is too late to cancel or move online; {@code lateCancellationWindow} is ISO-8601. */
    @ExceptionHandler
    ProblemDetail lateChange(LateChangeException ex) {
        ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_CONTENT, "Too late to change online",
                ex.getMessage());
        problem.setProperty("lateCancellationWindow", ex.window().toString());
        return problem;
    }

    @ExceptionHandler
    ProblemDetail invalidIdempotencyKey(InvalidIdempotencyKeyException ex) {
        return invalid(HttpStatus.BAD_REQUEST, List.of(new FieldError(IDEMPOTENCY_KEY, ex.getMessage())));
    }

    @ExceptionHandler
    ProblemDetail idempotencyKeyReused(IdempotencyKeyReusedException ex) {
        ProblemDetail problem = invalid(HttpStatus.UNPROCESSABLE_CONTENT,
                List.of(new FieldError(IDEMPOTENCY_KEY, ex.getMessage())));
        problem.setTitle("Idempotency-Key reused");
        return problem;
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> requestInProgress(RequestInProgressException ex) {
        long seconds = Math.max(1, (ex.retryAfter().toMillis() + 999) / 1000);
        return ResponseEntity.status(HttpStatus.CONFLICT).header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
                .body(problem(HttpStatus.CONFLICT, "Request in progress", ex.getMessage()));
    }

    @ExceptionHandler({AppointmentNotFoundException.class, UnknownClinicException.class,
            UnknownPractitionerException.class, UnknownServiceException.class, ScheduleEntryNotFoundException.class})
    ProblemDetail notFound(RuntimeException ex) {
        return problem(HttpStatus.NOT_FOUND, "Not found", ex.getMessage());
    }

    private static ProblemDetail invalid(HttpStatus status, List<FieldError> errors) {
        String detail = errors.stream().map(error -> error.field() + " " + error.message())
                .collect(Collectors.joining("; "));
        ProblemDetail problem = problem(status, "Invalid request", "Invalid fields: " + detail);
        problem.setProperty("errors", errors);
        return problem;
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }
}
