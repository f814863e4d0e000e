package com.clinicbackbone.security.apidocs;

import io.swagger.v3.oas.models.media.Schema;

/** Schemas written the way OpenAPI 3.1 (JSON Schema 2020-12) wants them: {@code type} as a type set. */
final class Schemas {

    static final String PROBLEM = "Problem";
    static final String FIELD_ERROR = "FieldError";
    static final String PROBLEM_JSON = "application/problem+json";

    private Schemas() {
    }

    static Schema<?> of(String type) {
        Schema<?> schema = new Schema<>();
        schema.addType(type);
        return schema;
    }

    static Schema<?> ref(String component) {
        return new Schema<>().$ref("#/components/schemas/" + component);
    }
}
