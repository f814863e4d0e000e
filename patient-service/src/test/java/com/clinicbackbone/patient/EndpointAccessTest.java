package com.clinicbackbone.patient;

import static org.assertj.core.api.Assertions.assertThat;

import com.clinicbackbone.patient.patient.PatientFixture;
import com.clinicbackbone.patient.patient.PatientRegistry;
import com.clinicbackbone.security.DemoPersona;
import com.clinicbackbone.security.Role;
import com.clinicbackbone.security.TestIssuer;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.json.JsonMapper;

/**
 * Walks every HTTP endpoint of the running service (enumerated from its request mappings, so a new endpoint without
 * an expectation here fails this test) with no token and with every demo persona, each on a patient of the persona's
 * own and of a foreign clinic, and asserts 401/403/404/2xx as the rules say. A 2xx on a foreign resource must not
 * mention it. Runs in its own application context and database: it erases the demo patients at the end.
 *
 * <p>"Own" patient: FRONT_DESK, a patient linked to their clinic; PRACTITIONER, a patient on one of their
 * appointments (at a clinic they work at); PATIENT, themself; OPERATOR and AUDITOR have none (Ann Lee is used).
 * "Foreign": for FRONT_DESK, a patient linked only to a clinic they do not work at; for PRACTITIONER, a patient linked
 * to a clinic they work at but on a colleague's appointment only (clinic-wide access would show it); for PATIENT, the
 * other demo patient. The practitioners' appointments are recorded with {@link PatientRegistry#recordAppointment},
 * which the {@code clinic.appointments.v1} consumer calls (the Kafka path is tested by
 * {@link PractitionerPatientsIntegrationTest}). A search as the persona for their own patient must list that patient.
 */
@EmbeddedKafka
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.cloud.stream.kafka.binder.brokers=${spring.embedded.kafka.brokers}")
@DirtiesContext
class EndpointAccessTest {

    static final MongoServer mongoServer = new MongoServer(new MemoryBackend());
    static final InetSocketAddress mongoAddress = mongoServer.bind();
    static final TestIssuer issuer = TestIssuer.start();
    static final List<String> CLINICS = List.of("integrative-pain", "running-shoe", "calgary-concussion");

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri",
                () -> "mongodb://" + mongoAddress.getHostString() + ":" + mongoAddress.getPort() + "/patients");
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", issuer::uri);
    }

    @AfterAll
    static void stopIssuer() {
        issuer.close();
    }

    enum Target { OWN, FOREIGN }

    record Call(String method, String path, Object body) {
    }

    record Endpoint(BiFunction<DemoPersona, Target, Call> call, BiFunction<Role, Target, Integer> expected) {
    }

    @LocalServerPort
    int port;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;
    @Autowired
    JsonMapper json;
    @Autowired
    PatientRegistry registry;

    final HttpClient http = HttpClient.newHttpClient();
    /** One patient per clinic, linked to that clinic only; and the phone of every patient created here. */
    final Map<String, String> residents = new HashMap<>();
    /** Per practitioner id, a patient of their own clinic on one of their appointments. */
    final Map<String, String> appointed = new HashMap<>();
    final Map<String, String> phones = new HashMap<>(Map.of(DemoPersona.ANN_LEE_ID, "+14035550123",
            DemoPersona.BEN_ROY_ID, "+14035550188"));

    /** The expectation of every endpoint, keyed by method and pattern. Order matters: erasure comes last. */
    Map<String, Endpoint> endpoints() {
        Map<String, Endpoint> endpoints = new LinkedHashMap<>();
        endpoints.put("POST /api/patients", new Endpoint(
                (persona, target) -> new Call("POST", "/api/patients", PatientFixture.someone()
                        .with("clinicId", target == Target.OWN ? ownClinic(persona) : foreignClinic(persona)).toJson()),
                (role, target) -> role == Role.FRONT_DESK && target == Target.OWN ? 201 : 403));
        // self-registration needs a verified email in the token and no patient id: no persona has both
        endpoints.put("POST /api/patients/self", new Endpoint(
                (persona, target) -> new Call("POST", "/api/patients/self", Map.of("givenName", "Sam",
                        "familyName", "Selfie", "birthDate", "1990-07-15", "language", "en", "clinicId",
                        target == Target.OWN ? ownClinic(persona) : foreignClinic(persona))),
                (role, target) -> 403));
        endpoints.put("GET /api/patients/{id}", new Endpoint(
                (persona, target) -> new Call("GET", "/api/patients/" + patient(persona, target), null),
                EndpointAccessTest::readRule));
        endpoints.put("GET /api/patients/{id}/contact", new Endpoint(
                (persona, target) -> new Call("GET", "/api/patients/" + patient(persona, target) + "/contact", null),
                EndpointAccessTest::readRule));
        // LISTS_OWN: a 200 must list the persona's own patient
        endpoints.put(LISTS_OWN, new Endpoint(
                (persona, target) -> new Call("GET", "/api/patients?phone="
                        + URLEncoder.encode(phones.get(patient(persona, target)), StandardCharsets.UTF_8), null),
                (role, target) -> role == Role.FRONT_DESK || role == Role.PRACTITIONER ? 200 : 403));
        endpoints.put("PUT /api/patients/{id}/contact", new Endpoint(
                (persona, target) -> new Call("PUT", "/api/patients/" + patient(persona, target) + "/contact",
                        Map.of("phone", phones.get(patient(persona, target)), "language", "en",
                                "channels", List.of("SMS"))),
                EndpointAccessTest::ownRecordWriteRule));
        endpoints.put("PUT /api/patients/{id}/consents", new Endpoint(
                (persona, target) -> new Call("PUT", "/api/patients/" + patient(persona, target) + "/consents",
                        Map.of("consents", List.of(Map.of("channel", "SMS", "granted", true, "method", "written")))),
                EndpointAccessTest::ownRecordWriteRule));
        endpoints.put("POST /api/patients/{survivingId}/merge", new Endpoint(
                (persona, target) -> {
                    String clinic = target == Target.OWN ? ownClinic(persona) : foreignClinic(persona);
                    boolean desk = persona.role() == Role.FRONT_DESK;
                    String survivor = desk ? registerAt(clinic) : patient(persona, target);
                    String merged = desk ? registerAt(clinic) : patient(persona, Target.FOREIGN);
                    return new Call("POST", "/api/patients/" + survivor + "/merge", Map.of("mergedPatientId", merged));
                },
                (role, target) -> role != Role.FRONT_DESK ? 403 : target == Target.OWN ? 200 : 404));
        endpoints.put("GET /api/patients/{id}/access-log", new Endpoint(
                (persona, target) -> new Call("GET", "/api/patients/" + patient(persona, target) + "/access-log",
                        null),
                (role, target) -> role == Role.AUDITOR || role == Role.PATIENT && target == Target.OWN ? 200
                        : role == Role.PATIENT ? 404 : 403));
        endpoints.put("DELETE /api/patients/{id}", new Endpoint(
                (persona, target) -> new Call("DELETE", "/api/patients/" + (persona.role() == Role.FRONT_DESK
                        ? registerAt(target == Target.OWN ? ownClinic(persona) : foreignClinic(persona))
                        : patient(persona, target)), null),
                EndpointAccessTest::ownRecordWriteRule));
        return endpoints;
    }

    static final String LISTS_OWN = "GET /api/patients";

    static int readRule(Role role, Target target) {
        return switch (role) {
            case FRONT_DESK, PRACTITIONER, PATIENT -> target == Target.OWN ? 200 : 404;
            default -> 403;
        };
    }

    /** Front desk of a linked clinic, or the patient themself. */
    static int ownRecordWriteRule(Role role, Target target) {
        return switch (role) {
            case FRONT_DESK, PATIENT -> target == Target.OWN ? 2 : 404;
            default -> 403;
        };
    }

    @Test
    void everyEndpointAnswersEachPersonaAsTheRulesSay() throws Exception {
        Map<String, Endpoint> endpoints = endpoints();
        assertThat(mappedEndpoints()).as("every mapping needs an expectation here, and every expectation a mapping")
                .isEqualTo(new TreeSet<>(endpoints.keySet()));
        for (String clinic : CLINICS) {
            residents.put(clinic, registerAt(clinic));
        }
        for (DemoPersona practitioner : List.of(DemoPersona.PRACTITIONER_MAYA_CHEN,
                DemoPersona.PRACTITIONER_NOAH_TREMBLAY)) {
            String patientId = registerAt(ownClinic(practitioner));
            registry.recordAppointment(practitioner.practitionerId(), patientId);
            appointed.put(practitioner.practitionerId(), patientId);
        }

        List<String> mismatches = new ArrayList<>();
        int calls = 0;
        for (var endpoint : endpoints.entrySet()) {
            Call anonymous = endpoint.getValue().call().apply(DemoPersona.FRONTDESK_RUNNING_SHOE, Target.OWN);
            check(endpoint.getKey() + " without a token", send(anonymous, null), 401, null, null, mismatches);
            calls++;
            // foreign first: erasing their own record must not turn another persona's foreign check into a 404
            for (Target target : List.of(Target.FOREIGN, Target.OWN)) {
                for (DemoPersona persona : DemoPersona.values()) {
                    Call call = endpoint.getValue().call().apply(persona, target);
                    int expected = endpoint.getValue().expected().apply(persona.role(), target);
                    // the auditor may read any patient's access log: nothing is foreign to them
                    String foreignId = target == Target.FOREIGN && persona.role() != Role.AUDITOR
                            ? patient(persona, Target.FOREIGN) : null;
                    String ownId = endpoint.getKey().equals(LISTS_OWN) && target == Target.OWN
                            ? patient(persona, Target.OWN) : null;
                    check(endpoint.getKey() + " as " + persona.clientId() + " on " + target + " " + call.path(),
                            send(call, issuer.token(persona)), expected, foreignId, ownId, mismatches);
                    calls++;
                }
            }
        }

        assertThat(mismatches).as("endpoint answers that break the rules").isEmpty();
        assertThat(calls).isEqualTo(endpoints.size() * (1 + 2 * DemoPersona.values().length));
    }

    /**
     * {@code expected} 2 means any 2xx. A 2xx on a foreign patient must not mention that patient; a 200 of a search
     * for the own patient ({@code ownId}) must list it.
     */
    private static void check(String what, HttpResponse<String> response, int expected, String foreignId,
                              String ownId, List<String> mismatches) {
        int status = response.statusCode();
        boolean ok = expected == 2 ? status / 100 == 2 : status == expected;
        if (!ok) {
            mismatches.add(what + ": expected " + (expected == 2 ? "2xx" : expected) + " but was " + status + " "
                    + response.body());
        } else if (status / 100 == 2 && foreignId != null && response.body().contains(foreignId)) {
            mismatches.add(what + ": leaks the foreign patient " + response.body());
        } else if (status == 200 && ownId != null && !response.body().contains(ownId)) {
            mismatches.add(what + ": does not list the own patient " + ownId + ": " + response.body());
        }
    }

    private Set<String> mappedEndpoints() {
        Set<String> keys = new TreeSet<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            for (String pattern : info.getPatternValues()) {
                // springdoc's OpenAPI document and Swagger UI are open to everyone, no data (ApiDocumentTest)
                if (pattern.equals("/error") || pattern.startsWith("/v3/api-docs")
                        || pattern.startsWith("/swagger-ui")) {
                    continue;
                }
                info.getMethodsCondition().getMethods().forEach(method -> keys.add(method.name() + " " + pattern));
                if (info.getMethodsCondition().getMethods().isEmpty()) {
                    keys.add("ANY " + pattern);
                }
            }
        }
        return keys;
    }

    private static String ownClinic(DemoPersona persona) {
        return persona.clinicIds().isEmpty() ? "running-shoe" : new TreeSet<>(persona.clinicIds()).first();
    }

    /** The other demo practitioner; both work at calgary-concussion, where their appointed patients are. */
    private static DemoPersona colleagueOf(DemoPersona practitioner) {
        return practitioner == DemoPersona.PRACTITIONER_MAYA_CHEN ? DemoPersona.PRACTITIONER_NOAH_TREMBLAY
                : DemoPersona.PRACTITIONER_MAYA_CHEN;
    }

    private static String foreignClinic(DemoPersona persona) {
        return CLINICS.stream().filter(clinic -> !persona.clinicIds().contains(clinic)).findFirst().orElseThrow();
    }

    /** The persona's own patient or a foreign one (see the class comment). */
    private String patient(DemoPersona persona, Target target) {
        return switch (persona.role()) {
            case PATIENT -> target == Target.OWN ? persona.patientId()
                    : persona.patientId().equals(DemoPersona.ANN_LEE_ID) ? DemoPersona.BEN_ROY_ID
                    : DemoPersona.ANN_LEE_ID;
            case FRONT_DESK -> residents.get(target == Target.OWN ? ownClinic(persona) : foreignClinic(persona));
            case PRACTITIONER -> appointed.get(target == Target.OWN ? persona.practitionerId()
                    : colleagueOf(persona).practitionerId());
            default -> target == Target.OWN ? DemoPersona.ANN_LEE_ID : DemoPersona.BEN_ROY_ID;
        };
    }

    /** A new patient linked to this clinic only. */
    private String registerAt(String clinic) {
        DemoPersona desk = switch (clinic) {
            case "running-shoe" -> DemoPersona.FRONTDESK_RUNNING_SHOE;
            case "calgary-concussion" -> DemoPersona.FRONTDESK_CALGARY_CONCUSSION;
            default -> DemoPersona.FRONTDESK_INTEGRATIVE_PAIN;
        };
        PatientFixture person = PatientFixture.someone().with("clinicId", clinic);
        HttpResponse<String> created = send(new Call("POST", "/api/patients", person.toJson()), issuer.token(desk));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = json.readTree(created.body()).get("id").asString();
        phones.put(id, (String) person.get("phone"));
        return id;
    }

    private HttpResponse<String> send(Call call, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + call.path()));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (call.body() != null) {
            request.header("Content-Type", "application/json")
                    .method(call.method(), HttpRequest.BodyPublishers.ofString(json.writeValueAsString(call.body())));
        } else {
            request.method(call.method(), HttpRequest.BodyPublishers.noBody());
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
