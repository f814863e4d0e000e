package com.clinicbackbone.patient.patient;

import java.util.List;
import java.util.stream.Collectors;

/** A registration that breaks one or more rules; names every wrong field. */
public class InvalidPatientException extends RuntimeException {

    private final List<Violation> violations;

    InvalidPatientException(List<Violation> violations) {
        super("invalid " + violations.stream().map(Violation::field).distinct().collect(Collectors.joining(", ")));
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
