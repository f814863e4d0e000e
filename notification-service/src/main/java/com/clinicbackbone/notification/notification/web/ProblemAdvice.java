package com.clinicbackbone.notification.notification.web;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * RFC 9457 problems for bad requests and refused SMS callbacks; Spring's own exceptions are handled by the base
 * class.
 */
@RestControllerAdvice
class ProblemAdvice extends ResponseEntityExceptionHandler {

    @ExceptionHandler(NotificationController.MissingFilterException.class)
    ResponseEntity<ProblemDetail> missingFilter(NotificationController.MissingFilterException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "Give appointmentId or patientId as a query parameter.");
        problem.setTitle("Missing filter");
        problem.setProperty("errors", List.of(
                Map.of("field", "appointmentId", "message", "appointmentId or patientId is required"),
                Map.of("field", "patientId", "message", "appointmentId or patientId is required")));
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    @ExceptionHandler(SmsStatusController.InvalidSignatureException.class)
    ResponseEntity<ProblemDetail> invalidSignature(SmsStatusController.InvalidSignatureException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
                "The request does not carry a valid X-Twilio-Signature for the configured callback URL.");
        problem.setTitle("Invalid signature");
        return ResponseEntity.status(HttpStatus.FORBIDDEN).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    @ExceptionHandler(SmsStatusController.MissingCallbackFieldsException.class)
    ResponseEntity<ProblemDetail> missingCallbackFields(SmsStatusController.MissingCallbackFieldsException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage() + ".");
        problem.setTitle("Missing callback fields");
        problem.setProperty("errors", e.fields.stream()
                .map(field -> Map.of("field", field, "message", field + " is required")).toList());
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
