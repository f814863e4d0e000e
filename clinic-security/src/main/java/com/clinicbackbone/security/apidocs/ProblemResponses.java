package com.clinicbackbone.security.apidocs;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The refusals an endpoint answers besides 400 (bad input), 401 (no valid token) and, where {@code @PreAuthorize}
 * names roles, 403: each status is documented as an RFC 9457 problem ({@code application/problem+json}, schema
 * {@code Problem}) with a general description. Give a sharper description with springdoc's own
 * {@code @ApiResponse(responseCode = "409", description = "...")}: its problem body is filled in the same way.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface ProblemResponses {

    /** HTTP statuses, e.g. {@code {404, 409, 422}}. */
    int[] value();
}
