package com.clinicbackbone.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import com.clinicbackbone.notification.appointment.Appointment;
import com.clinicbackbone.notification.appointment.AppointmentStatus;
import com.clinicbackbone.notification.notification.NotificationPlanner;
import com.clinicbackbone.notification.notification.sms.TwilioSignature;
import com.clinicbackbone.security.DemoPersona;
import com.clinicbackbone.security.Role;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.core.type.TypeReference;

/**
 * Walks every endpoint of the running application (from its request mappings, so a new one cannot escape) with
 * no token and with every demo persona, on a resource of the persona's own and of a foreign clinic, and checks
 * 401/403/2xx and that no answer holds anything the persona may not see.
 */
class EndpointAccessTest extends RunningServiceTest {

    /** An appointment with its clinic, practitioner and patient; seeded with its notifications. */
    record Resource(String appointmentId, String clinicId, String practitionerId, String patientId) {
    }

    static final Resource ANN_AT_RUNNING_SHOE_WITH_MAYA = new Resource("apt-access-rs", "running-shoe", "maya-chen",
            DemoPersona.ANN_LEE_ID);
    static final Resource NOAH_AT_CALGARY = new Resource("apt-access-cc", "calgary-concussion", "noah-tremblay",
            "pat-access-cc");
    static final Resource BEN_AT_INTEGRATIVE_PAIN = new Resource("apt-access-ip", "integrative-pain", "ivy-other",
            DemoPersona.BEN_ROY_ID);
    static final List<Resource> RESOURCES = List.of(ANN_AT_RUNNING_SHOE_WITH_MAYA, NOAH_AT_CALGARY,
            BEN_AT_INTEGRATIVE_PAIN);

    /** Each persona's own resource and one of a foreign clinic (or, for a practitioner, not their own). */
    static final Map<DemoPersona, Resource> OWN = new EnumMap<>(Map.of(
            DemoPersona.FRONTDESK_RUNNING_SHOE, ANN_AT_RUNNING_SHOE_WITH_MAYA,
            DemoPersona.FRONTDESK_CALGARY_CONCUSSION, NOAH_AT_CALGARY,
            DemoPersona.FRONTDESK_INTEGRATIVE_PAIN, BEN_AT_INTEGRATIVE_PAIN,
            DemoPersona.PRACTITIONER_MAYA_CHEN, ANN_AT_RUNNING_SHOE_WITH_MAYA,
            DemoPersona.PRACTITIONER_NOAH_TREMBLAY, NOAH_AT_CALGARY,
            DemoPersona.PATIENT_ANN_LEE, ANN_AT_RUNNING_SHOE_WITH_MAYA,
            DemoPersona.PATIENT_BEN_ROY, BEN_AT_INTEGRATIVE_PAIN,
            DemoPersona.OPERATOR, ANN_AT_RUNNING_SHOE_WITH_MAYA,
            DemoPersona.AUDITOR, ANN_AT_RUNNING_SHOE_WITH_MAYA));
    static final Map<DemoPersona, Resource> FOREIGN = new EnumMap<>(Map.of(
            DemoPersona.FRONTDESK_RUNNING_SHOE, BEN_AT_INTEGRATIVE_PAIN,
            DemoPersona.FRONTDESK_CALGARY_CONCUSSION, ANN_AT_RUNNING_SHOE_WITH_MAYA,
            DemoPersona.FRONTDESK_INTEGRATIVE_PAIN, ANN_AT_RUNNING_SHOE_WITH_MAYA,
            // Maya works at calgary-concussion too, but this appointment is Noah's
            DemoPersona.PRACTITIONER_MAYA_CHEN, NOAH_AT_CALGARY,
            DemoPersona.PRACTITIONER_NOAH_TREMBLAY, ANN_AT_RUNNING_SHOE_WITH_MAYA,
            DemoPersona.PATIENT_ANN_LEE, BEN_AT_INTEGRATIVE_PAIN,
            DemoPersona.PATIENT_BEN_ROY, ANN_AT_RUNNING_SHOE_WITH_MAYA,
            DemoPersona.OPERATOR, BEN_AT_INTEGRATIVE_PAIN,
            DemoPersona.AUDITOR, BEN_AT_INTEGRATIVE_PAIN));

    enum Outcome {
        /** 200 with exactly the resource's notifications (confirmations and reminders). */
        ALL_OF_IT(200),
        /** 200 with an empty list: nothing of the resource, not even whether it exists. */
        NOTHING(200),
        NO_CONTENT(204),
        /** 200 with a TwiML answer (application/xml). */
        TWIML(200),
        /** 200 with the clinic's settings (a JSON object). */
        SETTINGS(200),
        UNAUTHORIZED(401),
        FORBIDDEN(403);

        final int status;

        Outcome(int status) {
            this.status = status;
        }
    }

    /** One way to call an endpoint about a resource, and what each caller (null: no token) must get. */
    record Probe(String name, Function<Resource, MockHttpServletRequestBuilder> request, Expectation expected) {
    }

    interface Expectation {
        Outcome of(DemoPersona persona, boolean own);
    }

    static final Expectation NOTIFICATION_RULES = (persona, own) -> {
        if (persona == null) {
            return Outcome.UNAUTHORIZED;
        }
        if (persona.role() == Role.OPERATOR || persona.role() == Role.AUDITOR) {
            return Outcome.FORBIDDEN;
        }
        return own ? Outcome.ALL_OF_IT : Outcome.NOTHING;
    };

    /** Public (no bearer token needed), authenticated by Twilio's signature alone whoever calls. */
    static Expectation signature(boolean signed) {
        return (persona, own) -> signed ? Outcome.NO_CONTENT : Outcome.FORBIDDEN;
    }

    /** The inbound webhook: public too, a TwiML answer when signed, whoever calls. */
    static Expectation inboundSignature(boolean signed) {
        return (persona, own) -> signed ? Outcome.TWIML : Outcome.FORBIDDEN;
    }

    /** Clinic settings: the clinic's own front desk; operators may read them. */
    static Expectation clinicSettings(boolean operatorMayRead) {
        return (persona, own) -> {
            if (persona == null) {
                return Outcome.UNAUTHORIZED;
            }
            boolean allowed = persona.role() == Role.FRONT_DESK && own
                    || operatorMayRead && persona.role() == Role.OPERATOR;
            return allowed ? Outcome.SETTINGS : Outcome.FORBIDDEN;
        };
    }

    /** What each clinic's policy is during the tests, so that a PUT by its front desk changes nothing. */
    static String policyJson(String clinicId) {
        if (clinicId.equals("running-shoe")) {
            return """
                    {"confirmations":{"booked":true,"changed":true,"cancelled":true},
                     "reminders":[{"offset":"PT24H","channels":["EMAIL","SMS"]}],"aftercare":true,
                     "quietHours":{"start":"00:00","end":"00:00"},"senderName":"RS Clinic"}""";
        }
        String alias = clinicId.equals("calgary-concussion") ? "CC Clinic" : "IM Clinic";
        return """
                {"confirmations":{"booked":true,"changed":true,"cancelled":true},
                 "reminders":[{"offset":"PT48H","channels":["EMAIL"]},{"offset":"PT24H","channels":["SMS"]},
                              {"offset":"PT2H","channels":["SMS"]}],
                 "aftercare":true,"quietHours":{"start":"21:00","end":"08:00"},"senderName":"%s"}""".formatted(alias);
    }

    /** Every mapping of the application, with the probes that cover it. */
    static final Map<String, List<Probe>> EXPECTATIONS = new LinkedHashMap<>();

    static {
        EXPECTATIONS.put("GET /api/notifications", List.of(
                new Probe("by appointment", r -> get("/api/notifications").param("appointmentId", r.appointmentId()),
                        NOTIFICATION_RULES),
                new Probe("by patient", r -> get("/api/notifications").param("patientId", r.patientId()),
                        NOTIFICATION_RULES)));
        EXPECTATIONS.put("POST /api/sms/status", List.of(
                new Probe("unsigned", r -> statusCallback(r, null), signature(false)),
                new Probe("signed", r -> statusCallback(r, TwilioSignature.compute(AUTH_TOKEN, STATUS_CALLBACK,
                        Map.of("MessageSid", List.of(sid(r)), "MessageStatus", List.of("delivered")))),
                        signature(true))));
        EXPECTATIONS.put("POST /api/sms/inbound", List.of(
                new Probe("unsigned", r -> inboundMessage(r, null), inboundSignature(false)),
                new Probe("signed", r -> inboundMessage(r, TwilioSignature.compute(AUTH_TOKEN, INBOUND_URL,
                        Map.of("MessageSid", List.of(sid(r)), "From", List.of("+15875550999"),
                                "Body", List.of("hello")))), inboundSignature(true))));
        EXPECTATIONS.put("GET /api/clinics/{clinicId}/reminder-policy", List.of(
                new Probe("read", r -> get("/api/clinics/{clinicId}/reminder-policy", r.clinicId()),
                        clinicSettings(true))));
        EXPECTATIONS.put("PUT /api/clinics/{clinicId}/reminder-policy", List.of(
                new Probe("replace with the same", r -> put("/api/clinics/{clinicId}/reminder-policy", r.clinicId())
                        .contentType(MediaType.APPLICATION_JSON).content(policyJson(r.clinicId())),
                        clinicSettings(false))));
        String template = "/api/clinics/{clinicId}/templates/{kind}/{language}/{channel}";
        EXPECTATIONS.put("GET " + template, List.of(
                new Probe("read", r -> get(template, r.clinicId(), "REMINDER", "fr", "SMS"), clinicSettings(true))));
        EXPECTATIONS.put("PUT " + template, List.of(
                new Probe("replace with the built-in text", r -> put(template, r.clinicId(), "REMINDER", "fr", "SMS")
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"text": "{{senderName}} : rappel de votre rendez-vous le {{date}} à {{time}}. \
                                Répondez C pour confirmer, X pour annuler, ARRET pour ne plus recevoir de SMS."}"""),
                        clinicSettings(false))));
    }

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;
    @Autowired
    NotificationPlanner planner;

    @BeforeEach
    void seed() {
        Instant start = Instant.now().plus(Duration.ofDays(5)).truncatedTo(ChronoUnit.MINUTES);
        for (Resource resource : RESOURCES) {
            planner.booked(new Appointment(resource.appointmentId(), resource.clinicId(), resource.practitionerId(),
                    resource.patientId(), start, start.plus(Duration.ofMinutes(45)), AppointmentStatus.BOOKED, 1,
                    "physio-follow-up"));
        }
    }

    @Test
    void everyMappedEndpointHasAnExpectation() {
        Set<String> mapped = new TreeSet<>();
        mappings.getHandlerMethods().keySet().forEach(info -> info.getPatternValues().forEach(pattern -> {
            // springdoc's OpenAPI document and Swagger UI are open to everyone, no data (ApiDocumentTest)
            if (!pattern.equals("/error") && !pattern.startsWith("/v3/api-docs")
                    && !pattern.startsWith("/swagger-ui")) {
                info.getMethodsCondition().getMethods().forEach(method -> mapped.add(method + " " + pattern));
                if (info.getMethodsCondition().getMethods().isEmpty()) {
                    mapped.add("ANY " + pattern);
                }
            }
        }));

        assertThat(mapped).isNotEmpty();
        assertThat(EXPECTATIONS.keySet()).containsExactlyInAnyOrderElementsOf(mapped);
    }

    @Test
    void everyEndpointAnswersEveryCallerAsTheRulesSayAndLeaksNothing() throws Exception {
        List<String> violations = new ArrayList<>();
        int calls = 0;
        for (var endpoint : EXPECTATIONS.entrySet()) {
            for (Probe probe : endpoint.getValue()) {
                for (DemoPersona persona : personasAndNoToken()) {
                    for (boolean own : List.of(true, false)) {
                        Resource resource = (own ? OWN : FOREIGN).get(persona == null ? DemoPersona.OPERATOR : persona);
                        MockHttpServletRequestBuilder request = probe.request().apply(resource);
                        if (persona != null) {
                            request.header("Authorization", bearer(persona));
                        }
                        MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
                        calls++;
                        Outcome expected = probe.expected().of(persona, own);
                        String problem = check(expected, response, resource);
                        if (problem != null) {
                            violations.add(endpoint.getKey() + " " + probe.name() + " as "
                                    + (persona == null ? "no token" : persona.clientId()) + " on "
                                    + resource.appointmentId() + ": expected " + expected + ", " + problem);
                        }
                    }
                }
            }
        }

        assertThat(violations).isEmpty();
        assertThat(calls).isEqualTo(10 * (DemoPersona.values().length + 1) * 2);
    }

    @Test
    void expiredForgedOrForeignAudienceTokensAreRefusedWith401() throws Exception {
        for (String token : List.of(issuer.expiredToken(DemoPersona.FRONTDESK_RUNNING_SHOE),
                issuer.forgedToken(DemoPersona.FRONTDESK_RUNNING_SHOE),
                issuer.tokenForAudience(DemoPersona.FRONTDESK_RUNNING_SHOE, "another-api"),
                issuer.tokenWithRole("JANITOR"), "not-a-jwt")) {
            MockHttpServletResponse response = mvc.perform(get("/api/notifications")
                    .param("appointmentId", ANN_AT_RUNNING_SHOE_WITH_MAYA.appointmentId())
                    .header("Authorization", "Bearer " + token)).andReturn().getResponse();

            assertThat(response.getStatus()).as(token).isEqualTo(401);
            assertThat(response.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        }
    }

    private String check(Outcome expected, MockHttpServletResponse response, Resource resource) throws Exception {
        if (response.getStatus() != expected.status) {
            return "got " + response.getStatus();
        }
        if (expected.status >= 400) {
            return response.getContentType() != null
                    && response.getContentType().startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE)
                    ? null : "not a problem+json body";
        }
        if (expected == Outcome.NO_CONTENT) {
            return null;
        }
        if (expected == Outcome.TWIML) {
            return response.getContentType().startsWith(MediaType.APPLICATION_XML_VALUE)
                    && response.getContentAsString().contains("<Response") ? null : "not TwiML";
        }
        if (expected == Outcome.SETTINGS) {
            Map<String, Object> settings = json.readValue(response.getContentAsString(), new TypeReference<>() {
            });
            return settings.isEmpty() ? "got an empty body" : null;
        }
        List<Map<String, Object>> body = json.readValue(response.getContentAsString(), new TypeReference<>() {
        });
        if (expected == Outcome.NOTHING) {
            return body.isEmpty() ? null : "got " + body.size() + " notifications";
        }
        boolean onlyTheResource = body.stream().allMatch(n -> resource.appointmentId().equals(n.get("appointmentId"))
                && resource.clinicId().equals(n.get("clinicId")) && resource.patientId().equals(n.get("patientId")));
        long stored = mongo.getCollection("notifications")
                .countDocuments(new org.bson.Document("appointmentId", resource.appointmentId()));
        return !body.isEmpty() && body.size() == stored && onlyTheResource ? null : "got " + body;
    }

    private static List<DemoPersona> personasAndNoToken() {
        List<DemoPersona> callers = new ArrayList<>();
        callers.add(null);
        callers.addAll(List.of(DemoPersona.values()));
        return callers;
    }

    private static MockHttpServletRequestBuilder statusCallback(Resource resource, String signature) {
        MockHttpServletRequestBuilder request = post("/api/sms/status")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .param("MessageSid", sid(resource)).param("MessageStatus", "delivered");
        return signature == null ? request : request.header("X-Twilio-Signature", signature);
    }

    private static MockHttpServletRequestBuilder inboundMessage(Resource resource, String signature) {
        MockHttpServletRequestBuilder request = post("/api/sms/inbound")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .param("MessageSid", sid(resource)).param("From", "+15875550999").param("Body", "hello");
        return signature == null ? request : request.header("X-Twilio-Signature", signature);
    }

    private static String sid(Resource resource) {
        return "SM-" + resource.appointmentId();
    }
}
