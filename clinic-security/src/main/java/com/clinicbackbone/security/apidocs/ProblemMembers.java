package com.clinicbackbone.security.apidocs;

import io.swagger.v3.oas.models.media.Schema;
import java.util.Map;

/**
 * A service's own extension members of its problem bodies (RFC 9457 section 3.2), added to the shared
 * {@code Problem} schema next to {@code rule} and {@code errors}. Declare one as a bean.
 *
 * @param members member name to its schema (with a description)
 */
public record ProblemMembers(Map<String, Schema<?>> members) {

    public ProblemMembers {
        members = Map.copyOf(members);
    }

    /** A string member. */
    public static Schema<?> text(String description) {
        return Schemas.of("string").description(description);
    }

    /** An integer member. */
    public static Schema<?> integer(String description) {
        return Schemas.of("integer").format("int32").description(description);
    }

    /** A list of strings. */
    public static Schema<?> texts(String description) {
        return Schemas.of("array").items(Schemas.of("string")).description(description);
    }
}
