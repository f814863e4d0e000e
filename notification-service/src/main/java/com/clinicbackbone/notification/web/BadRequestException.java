package com.clinicbackbone.notification.web;

import java.util.List;

/** A request with bad fields: answered 400 with {@code errors: [{field, message}]}; nothing was stored. */
public class BadRequestException extends RuntimeException {

    private final List<FieldProblem> errors;

    public BadRequestException(String detail, List<FieldProblem> errors) {
        super(detail);
        this.errors = List.copyOf(errors);
    }

    public List<FieldProblem> errors() {
        return errors;
    }

    public record FieldProblem(String field, String message) {
    }
}
