package com.clinicbackbone.web.backbone;

import java.util.Map;

/**
 * A service said no (an RFC 9457 problem) or did not answer. Pages show {@link #detail()} and, where a booking rule
 * refused, explain {@link #rule()} in plain words; field errors go next to their fields.
 *
 * @param status the HTTP status (503 when the service did not answer)
 * @param rule   the booking rule that refused (the problem's {@code rule}), or null
 * @param errors field name to message (the problem's {@code errors}), empty when none
 */
public class BackboneProblem extends RuntimeException {

    private final int status;
    private final String title;
    private final String detail;
    private final String rule;
    private final Map<String, String> errors;

    public BackboneProblem(int status, String title, String detail, String rule, Map<String, String> errors) {
        super(status + " " + title + (detail == null ? "" : ": " + detail));
        this.status = status;
        this.title = title;
        this.detail = detail;
        this.rule = rule;
        this.errors = errors == null ? Map.of() : Map.copyOf(errors);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return detail == null ? title : detail;
    }

    public String rule() {
        return rule;
    }

    public Map<String, String> errors() {
        return errors;
    }

    public boolean isNotFound() {
        return status == 404;
    }

    public boolean isForbidden() {
        return status == 403;
    }
}
