package com.clinicbackbone.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.clinicbackbone.localstack.RepoRoot;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The contract check itself, on booking-service's committed document: what it lets through and what it catches. */
class OpenApiContractTest {

    static final OpenApiContract booking = OpenApiContract.load(
            RepoRoot.find().resolve("docs/api/booking-service.openapi.json"));
    static final String CLINIC = "{\"id\":\"running-shoe\",\"name\":\"Running Shoe\",\"timeZone\":\"America/Edmonton\"}";
    static final String PROBLEM_JSON = "application/problem+json";

    @Test
    void aDocumentedAnswerKeepsTheContract() {
        assertThat(booking.violations(get("/api/clinics", 200, "application/json", "[" + CLINIC + "]"))).isEmpty();
    }

    @Test
    void anUndocumentedFieldBreaksIt() {
        assertThat(booking.violations(get("/api/clinics", 200, "application/json",
                "[{\"id\":\"running-shoe\",\"name\":\"RS\",\"timeZone\":\"America/Edmonton\",\"phone\":\"x\"}]")))
                .singleElement().asString().contains("property phone is not in the document");
    }

    @Test
    void aValueOfTheWrongTypeBreaksIt() {
        assertThat(booking.violations(get("/api/clinics", 200, "application/json",
                "[{\"id\":7,\"name\":\"RS\",\"timeZone\":\"America/Edmonton\"}]"))).singleElement().asString()
                .contains("/0/id: integer where the document says");
    }

    @Test
    void anUndocumentedStatusContentTypeOrPathBreaksIt() {
        assertThat(booking.violations(get("/api/clinics", 418, "application/json", "{}")))
                .singleElement().asString().contains("status 418 is not documented");
        assertThat(booking.violations(get("/api/clinics", 200, "text/plain", "clinics")))
                .singleElement().asString().contains("content type text/plain");
        assertThat(booking.violations(get("/api/nothing-here", 200, "application/json", "[]")))
                .singleElement().asString().contains("not documented");
    }

    @Test
    void anUndocumentedQueryParameterBreaksIt() {
        assertThat(booking.violations(get("/api/clinics?color=red", 200, "application/json", "[]")))
                .singleElement().asString().contains("query parameter color");
    }

    @Test
    void aRequestWithAnUndocumentedFieldOrWithoutARequiredOneBreaksIt() {
        String body = "{\"clinicId\":\"running-shoe\",\"serviceId\":\"physio-follow-up\",\"practitionerId\":"
                + "\"maya-chen\",\"patientId\":\"p-1\",\"start\":\"2026-03-02T16:00:00Z\"}";
        String problem = "{\"type\":\"about:blank\",\"title\":\"Invalid request\",\"status\":400,"
                + "\"errors\":[{\"field\":\"start\",\"message\":\"must be in the future\"}]}";

        assertThat(booking.violations(post("/api/appointments", body, 400, PROBLEM_JSON, problem))).isEmpty();
        assertThat(booking.violations(post("/api/appointments", body.replace("}", ",\"room\":\"a\"}"), 400,
                PROBLEM_JSON, problem))).singleElement().asString().contains("request body").contains("room");
        assertThat(booking.violations(post("/api/appointments", body.replace("\"clinicId\":\"running-shoe\",", ""),
                400, PROBLEM_JSON, problem))).singleElement().asString().contains("clinicId");
    }

    @Test
    void aProblemMayCarryTheServicesMembersButNoOthers() {
        String refused = "{\"type\":\"about:blank\",\"title\":\"Booking rule not met\",\"status\":422,"
                + "\"detail\":\"x\",\"instance\":\"/api/appointments\",\"rule\":\"OUTSIDE_HOURS\","
                + "\"errors\":[{\"field\":\"start\",\"message\":\"x\"}],\"reason\":\"NOT_LINKED\"}";
        String body = "{\"clinicId\":\"running-shoe\",\"serviceId\":\"s\",\"practitionerId\":\"p\",\"patientId\":\"x\"}";

        assertThat(booking.violations(post("/api/appointments", body, 422, PROBLEM_JSON, refused))).isEmpty();
        assertThat(booking.violations(post("/api/appointments", body, 422, PROBLEM_JSON,
                refused.replace("\"reason\"", "\"stackTrace\"")))).singleElement().asString().contains("stackTrace");
        assertThat(booking.violations(post("/api/appointments", body, 422, "application/json", refused)))
                .singleElement().asString().contains("content type application/json");
    }

    private static OpenApiContract.Exchange get(String path, int status, String contentType, String body) {
        return new OpenApiContract.Exchange("GET", URI.create("http://127.0.0.1:8081" + path), Map.of(), "", status,
                contentType, body);
    }

    private static OpenApiContract.Exchange post(String path, String request, int status, String contentType,
                                                 String body) {
        return new OpenApiContract.Exchange("POST", URI.create("http://127.0.0.1:8081" + path),
                Map.of("Content-Type", "application/json"), request, status, contentType, body);
    }
}
