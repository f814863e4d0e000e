package com.clinicbackbone.web.desk.web;

import com.clinicbackbone.web.backbone.BackboneProblem;
import java.util.Map;
import java.util.Set;

/**
 * A service's "no" as a desk page explains it next to the form: the booking {@code rule} when one refused (its plain
 * words are {@code desk.rule.<RULE>}), else a {@code kind} ({@code desk.refusal.<kind>}): taken, patient, state,
 * unknown, invalid (with the field errors) or other (with the service's own detail).
 */
record Refusal(String rule, String kind, String detail, Map<String, String> errors) {

    /** The rules booking-service names (a rule added later is shown as the service's own words until it is here). */
    static final Set<String> RULES = Set.of("BEYOND_HORIZON", "INSIDE_MINIMUM_NOTICE", "OUTSIDE_HOURS", "IN_BREAK",
            "ON_LEAVE", "CLINIC_CLOSED", "NOT_ONLINE_BOOKABLE", "NOT_PROVIDED", "PREREQUISITE_MISSING",
            "NO_FREE_RESOURCE");

    /** Whether the page shows this problem in place (otherwise the problem page: not found, not yours, down). */
    static boolean shownInPlace(BackboneProblem problem) {
        return problem.status() == 400 || problem.status() == 409 || problem.status() == 422
                || (problem.status() == 403 && problem.rule() != null);
    }

    static Refusal of(BackboneProblem problem) {
        String title = problem.title() == null ? "" : problem.title();
        String rule = problem.rule() != null && RULES.contains(problem.rule()) ? problem.rule() : null;
        String kind = rule != null ? "rule"
                : title.equals("Time not available") ? "taken"
                : title.equals("Patient cannot be booked") ? "patient"
                : title.equals("Conflicting appointment state") ? "state"
                : title.equals("Unknown reference") ? "unknown"
                : problem.status() == 400 ? "invalid"
                : "other";
        return new Refusal(rule, kind, problem.detail(), problem.errors());
    }
}
