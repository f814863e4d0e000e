package com.clinicbackbone.patient.patient;

/** One broken rule: the field and what is wrong with it (never the submitted value: it may be PHI). */
public record Violation(String field, String message) {
}
