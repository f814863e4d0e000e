package com.clinicbackbone.booking;

import static com.clinicbackbone.security.DemoPersona.ANN_LEE_ID;
import static com.clinicbackbone.security.DemoPersona.BEN_ROY_ID;
import static com.clinicbackbone.security.Role.AUDITOR;
import static com.clinicbackbone.security.Role.FRONT_DESK;
import static com.clinicbackbone.security.Role.OPERATOR;
import static com.clinicbackbone.security.Role.PATIENT;
import static com.clinicbackbone.security.Role.PRACTITIONER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.clinicbackbone.booking.clinic.Clinic;
import com.clinicbackbone.booking.clinic.ClinicService;
import com.clinicbackbone.booking.clinic.DemoCatalog;
import com.clinicbackbone.booking.recall.Recall;
import com.clinicbackbone.booking.recall.Recalls;
import com.clinicbackbone.booking.schedule.DemoSchedule;
import com.clinicbackbone.booking.schedule.WeeklyHours;
import com.clinicbackbone.security.DemoPersona;
import com.clinicbackbone.security.Role;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.condition.NameValueExpression;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Walks every HTTP endpoint of the running application (enumerated from its request mappings, so a new endpoint
 * without an expectation here fails the test) with no token and with every demo persona, each on a resource of
 * their own, one of someone else at their clinic and one of a foreign clinic, and asserts 401/403/404/2xx as the
 * rules of issue 3 say. Every refusal must leave the data untouched and show nothing of the resource's patient.
 */
class EndpointAccessTest extends AbstractIntegrationTest {

    /** Whose resource the call aims at. */
    enum Target {
        /** The persona's own: their appointment, or one at their clinic for front desk, operator and auditor. */
        OWN,
        /** Someone else's at the persona's clinic (front desk: still their clinic). */
        COLLEAGUE,
        /** At a clinic the persona has nothing to do with. */
        FOREIGN
    }

    static final String OTHER_RS = "endpoint-walk-running-shoe-patient";
    static final String OTHER_CC = "endpoint-walk-concussion-patient";
    static final String OTHER_IP = "endpoint-walk-pain-patient";
    /** The walk books from here on (weeks 4 to 7 are this test's). */
    static final LocalDate WALK_DATE = day(4, java.time.DayOfWeek.MONDAY);
    /** Per practitioner and clinic, their next free hour in their hours there. */
    static final Map<String, Iterator<Instant>> slots = new ConcurrentHashMap<>();
    static volatile boolean patientsRegistered;

    /** Expected status per endpoint and role, by target (OWN, COLLEAGUE, FOREIGN). No token is always 401. */
    static final Map<String, Map<Role, int[]>> EXPECTED = Map.ofEntries(
            Map.entry("GET /api/clinics", everyRole(200, 200, 200)),
            Map.entry("GET /api/clinics/{clinicId}/services", everyRole(200, 200, 200)),
            Map.entry("GET /api/clinics/{clinicId}/practitioners", everyRole(200, 200, 200)),
            Map.entry("GET /api/appointments/{id}", Map.of(
                    FRONT_DESK, statuses(200, 200, 404),
                    PRACTITIONER, statuses(200, 404, 404),
                    PATIENT, statuses(200, 404, 404),
                    OPERATOR, statuses(403, 403, 403),
                    AUDITOR, statuses(403, 403, 403))),
            Map.entry("POST /api/appointments", Map.of(
                    FRONT_DESK, statuses(201, 201, 403),
                    PRACTITIONER, statuses(403, 403, 403),
                    PATIENT, statuses(201, 403, 403),
                    OPERATOR, statuses(403, 403, 403),
                    AUDITOR, statuses(403, 403, 403))),
            Map.entry("POST /api/appointments/{id}/cancel", patientOrFrontDesk()),
            Map.entry("POST /api/appointments/{id}/confirm", patientOrFrontDesk()),
            Map.entry("POST /api/appointments/{id}/reschedule", patientOrFrontDesk()),
            Map.entry("POST /api/appointments/{id}/check-in", frontDeskOnly()),
            Map.entry("POST /api/appointments/{id}/no-show", frontDeskOnly()),
            Map.entry("POST /api/appointments/{id}/complete", Map.of(
                    FRONT_DESK, statuses(200, 200, 404),
                    PRACTITIONER, statuses(200, 404, 404),
                    PATIENT, statuses(403, 403, 403),
                    OPERATOR, statuses(403, 403, 403),
                    AUDITOR, statuses(403, 403, 403))),
            Map.entry("GET /api/appointments?clinicId", Map.of(
                    FRONT_DESK, statuses(200, 200, 403),
                    PRACTITIONER, statuses(403, 403, 403),
                    PATIENT, statuses(403, 403, 403),
                    OPERATOR, statuses(403, 403, 403),
                    AUDITOR, statuses(403, 403, 403))),
            Map.entry("GET /api/appointments?practitionerId", Map.of(
                    FRONT_DESK, statuses(200, 200, 403),
                    PRACTITIONER, statuses(200, 403, 403),
                    PATIENT, statuses(403, 403, 403),
                    OPERATOR, statuses(403, 403, 403),
                    AUDITOR, statuses(403, 403, 403))),
            Map.entry("GET /api/appointments?patientId", Map.of(
                    FRONT_DESK, statuses(200, 200, 200),
                    PRACTITIONER, statuses(200, 200, 200),
                    PATIENT, statuses(200, 403, 403),
                    OPERATOR, statuses(403, 403, 403),
                    AUDITOR, statuses(403, 403, 403))),
            Map.entry("POST /api/courses", Map.of(
                    FRONT_DESK, statuses(201, 201, 403),
                    PRACTITIONER, statuses(403, 403, 403),
                    PATIENT, statuses(403, 403, 403),
                    OPERATOR, statuses(403, 403, 403),
                    AUDITOR, statuses(403, 403, 403))),
            Map.entry("GET /api/courses/{id}", Map.of(
                    FRONT_DESK, statuses(200, 200, 404),
                    PRACTITIONER, statuses(200, 404, 404),
                    PATIENT, statuses(200, 404, 404),
                    OPERATOR, statuses(403, 403, 403),
                    AUDITOR, statuses(403, 403, 403))),
            // the front desk's list holds the courses at their clinics only (empty for a foreign patient)
            Map.entry("GET /api/courses?patientId", Map.of(
                    FRONT_DESK, statuses(200, 200, 200),
                    PRACTITIONER, statuses(403, 403, 403),
                    PATIENT, statuses(200, 403, 403),
                    OPERATOR, statuses(403, 403, 403),
                    AUDITOR, statuses(403, 403, 403))),
            Map.entry("POST /api/courses/{id}/sessions/{number}/reschedule", frontDeskOnly()),
            Map.entry("POST /api/courses/{id}/cancel", frontDeskOnly()),
            Map.entry("PUT /api/clinics/{clinicId}", clinicDesk(200)),
            Map.entry("PUT /api/clinics/{clinicId}/services/{serviceId}", clinicDesk(200)),
            Map.entry("GET /api/clinics/{clinicId}/resources", everyRole(200, 200, 200)),
            Map.entry("PUT /api/clinics/{clinicId}/resources/{resourceId}", clinicDesk(200)),
            Map.entry("GET /api/clinics/{clinicId}/closures", everyRole(200, 200, 200)),
            Map.entry("POST /api/clinics/{clinicId}/closures", clinicDesk(201)),
            Map.entry("DELETE /api/clinics/{clinicId}/closures/{closureId}", clinicDesk(204)),
            Map.entry("GET /api/practitioners/{practitionerId}/hours/{clinicId}", everyRole(200, 200, 200)),
            Map.entry("PUT /api/practitioners/{practitionerId}/hours/{clinicId}", clinicDesk(200)),
            Map.entry("POST /api/practitioners/{practitionerId}/exceptions", clinicDesk(201)),
            Map.entry("GET /api/practitioners/{practitionerId}/exceptions", Map.of(
                    FRONT_DESK, statuses(200, 200, 403),
                    PRACTITIONER, statuses(200, 403, 403),
                    PATIENT, statuses(403, 403, 403),
                    OPERATOR, statuses(403, 403, 403),
                    AUDITOR, statuses(403, 403, 403))),
            Map.entry("DELETE /api/practitioners/{practitionerId}/exceptions/{exceptionId}", clinicDesk(204)),
            Map.entry("POST /api/waitlist", Map.of(
                    FRONT_DESK, statuses(201, 201, 403),
                    PRACTITIONER, statuses(403, 403, 403),
                    PATIENT, statuses(201, 403, 403),
                    OPERATOR, statuses(403, 403, 403),
                    AUDITOR, statuses(403, 403, 403))),
            Map.entry("GET /api/waitlist/{id}", patientOrFrontDesk()),
            Map.entry("GET /api/waitlist?clinicId&serviceId", clinicDesk(200)),
            Map.entry("DELETE /api/waitlist/{id}", patientOrFrontDesk()),
            // the walk's entries have no offer open: whoever may answer gets 409
            Map.entry("POST /api/waitlist/{id}/accept", waitlistAnswer()),
            Map.entry("POST /api/waitlist/{id}/decline", waitlistAnswer()),
            Map.entry("GET /api/recalls?clinicId", clinicDesk(200)),
            Map.entry("POST /api/recalls/{id}/handled", frontDeskOnly()),
            Map.entry("GET /api/availability", Map.of(
                    FRONT_DESK, statuses(200, 200, 200),
                    PRACTITIONER, statuses(200, 200, 200),
                    PATIENT, statuses(200, 200, 200),
                    OPERATOR, statuses(403, 403, 403),
                    AUDITOR, statuses(403, 403, 403))));

    /** A far date no booking of any test comes near, for closures and leave the walk adds. */
    static final LocalDate FAR = LocalDate.parse("2099-12-24");

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;
    @Autowired
    Recalls recalls;

    @BeforeEach
    void registerPatients() {
        if (!patientsRegistered) {
            register(ANN_LEE_ID, "running-shoe");
            register(BEN_ROY_ID, "integrative-pain");
            register(OTHER_RS, "running-shoe");
            register(OTHER_CC, "calgary-concussion");
            register(OTHER_IP, "integrative-pain");
            patientsRegistered = true;
        }
    }

    @Test
    void everyEndpointOfTheApplicationHasAnExpectationAndNoExpectationIsStale() {
        assertThat(endpoints()).as("endpoints of the running application").isNotEmpty()
                .containsExactlyInAnyOrderElementsOf(EXPECTED.keySet());
    }

    @Test
    void walksEveryEndpointWithNoTokenAndEveryPersonaOnOwnColleagueAndForeignResources() {
        List<String> failures = new ArrayList<>();
        int calls = 0;
        for (String endpoint : endpoints()) {
            for (Target target : Target.values()) {
                failures.addAll(check(endpoint, null, target, 401));
                calls++;
                for (DemoPersona persona : DemoPersona.values()) {
                    int expected = EXPECTED.get(endpoint).get(persona.role())[target.ordinal()];
                    failures.addAll(check(endpoint, persona, target, expected));
                    calls++;
                }
            }
        }

        assertThat(failures).as("leaks and wrong answers").isEmpty();
        assertThat(calls).isEqualTo(EXPECTED.size() * Target.values().length * (DemoPersona.values().length + 1));
    }

    @Test
    void aPractitionerReadsTheirOwnAppointmentsAtEveryClinic() {
        DemoPersona maya = DemoPersona.PRACTITIONER_MAYA_CHEN;
        String atRunningShoe = bookFixture(new Resource("running-shoe", "physio-follow-up", "maya-chen", ANN_LEE_ID));
        String atConcussion = bookFixture(new Resource("calgary-concussion", "concussion-follow-up", "maya-chen",
                OTHER_CC));

        assertThat(get("/api/appointments/" + atRunningShoe, maya).status()).isEqualTo(200);
        assertThat(get("/api/appointments/" + atConcussion, maya).status()).isEqualTo(200);
        assertThat(get("/api/appointments/" + atRunningShoe, DemoPersona.PRACTITIONER_NOAH_TREMBLAY).status())
                .isEqualTo(404);
    }

    // --- one call

    private List<String> check(String endpoint, DemoPersona persona, Target target, int expected) {
        Resource resource = resource(persona == null ? DemoPersona.FRONTDESK_RUNNING_SHOE : persona, target);
        String token = persona == null ? null : issuer.token(persona);
        String who = (persona == null ? "no token" : persona.clientId()) + " on " + target + " " + endpoint;
        Attempt attempt = switch (endpoint) {
            case "GET /api/clinics" -> new Attempt(send(port, "GET", "/api/clinics", null, token), () -> true);
            case "GET /api/clinics/{clinicId}/services" -> new Attempt(
                    send(port, "GET", "/api/clinics/" + resource.clinicId() + "/services", null, token), () -> true);
            case "GET /api/clinics/{clinicId}/practitioners" -> new Attempt(
                    send(port, "GET", "/api/clinics/" + resource.clinicId() + "/practitioners", null, token),
                    () -> true);
            case "GET /api/appointments/{id}" -> {
                String id = bookFixture(resource);
                yield new Attempt(send(port, "GET", "/api/appointments/" + id, null, token), () -> true);
            }
            case "POST /api/appointments/{id}/cancel" -> {
                String id = bookFixture(resource);
                yield new Attempt(send(port, "POST", "/api/appointments/" + id + "/cancel",
                        Map.of("reason", "walk"), token), () -> hasStatus(id, "BOOKED"));
            }
            case "POST /api/appointments/{id}/confirm", "POST /api/appointments/{id}/check-in" -> {
                String id = bookFixture(resource);
                yield new Attempt(send(port, "POST", endpoint.substring(5).replace("{id}", id), null, token),
                        () -> hasStatus(id, "BOOKED"));
            }
            case "POST /api/appointments/{id}/complete" -> {
                String id = bookFixture(resource);
                Response checkedIn = send(port, "POST", "/api/appointments/" + id + "/check-in", null,
                        issuer.token(frontDesk(resource.clinicId())));
                assertThat(checkedIn.status()).as(checkedIn.text()).isEqualTo(200);
                yield new Attempt(send(port, "POST", "/api/appointments/" + id + "/complete", null, token),
                        () -> hasStatus(id, "CHECKED_IN"));
            }
            case "POST /api/appointments/{id}/no-show" -> {
                String id = startedFixture(resource);
                yield new Attempt(send(port, "POST", "/api/appointments/" + id + "/no-show", null, token),
                        () -> hasStatus(id, "BOOKED"));
            }
            case "POST /api/appointments/{id}/reschedule" -> {
                String id = bookFixture(resource);
                Object start = mongo.findById(id, Document.class, "appointments").get("start");
                yield new Attempt(send(port, "POST", "/api/appointments/" + id + "/reschedule",
                        Map.of("start", nextSlot(resource).toString()), token),
                        () -> start.equals(mongo.findById(id, Document.class, "appointments").get("start")));
            }
            case "GET /api/appointments?clinicId" -> new Attempt(send(port, "GET",
                    "/api/appointments?clinicId=" + resource.clinicId() + "&date=" + WALK_DATE, null, token),
                    () -> true);
            case "GET /api/appointments?practitionerId" -> new Attempt(send(port, "GET",
                    "/api/appointments?practitionerId=" + resource.practitionerId() + "&date=" + WALK_DATE, null,
                    token), () -> true);
            case "GET /api/appointments?patientId" -> new Attempt(send(port, "GET",
                    "/api/appointments?patientId=" + resource.patientId(), null, token), () -> true);
            case "POST /api/appointments" -> {
                Instant start = nextSlot(resource);
                Response response = book(port, resource.clinicId(), resource.serviceId(), resource.practitionerId(),
                        resource.patientId(), start, token);
                yield new Attempt(response, () -> mongo.count(query(where("practitionerId")
                        .is(resource.practitionerId()).and("start").is(start)), "appointments") == 0);
            }
            case "POST /api/courses" -> {
                Instant start = nextSlot(resource);
                Response response = send(port, "POST", "/api/courses", courseRequest(resource, start), token);
                yield new Attempt(response, () -> mongo.count(query(where("practitionerId")
                        .is(resource.practitionerId()).and("start").is(start)), "appointments") == 0);
            }
            case "GET /api/courses/{id}" -> {
                String id = courseFixture(resource);
                yield new Attempt(send(port, "GET", "/api/courses/" + id, null, token), () -> true);
            }
            case "GET /api/courses?patientId" -> new Attempt(send(port, "GET",
                    "/api/courses?patientId=" + resource.patientId(), null, token), () -> true);
            case "POST /api/courses/{id}/sessions/{number}/reschedule" -> {
                String id = courseFixture(resource);
                String session = mongo.findById(id, Document.class, "courses").getList("appointmentIds", String.class)
                        .get(0);
                Object start = mongo.findById(session, Document.class, "appointments").get("start");
                yield new Attempt(send(port, "POST", "/api/courses/" + id + "/sessions/1/reschedule",
                        Map.of("start", nextSlot(resource).toString()), token),
                        () -> start.equals(mongo.findById(session, Document.class, "appointments").get("start")));
            }
            case "POST /api/courses/{id}/cancel" -> {
                String id = courseFixture(resource);
                yield new Attempt(send(port, "POST", "/api/courses/" + id + "/cancel", Map.of("reason", "walk"),
                        token), () -> "ACTIVE".equals(mongo.findById(id, Document.class, "courses")
                        .getString("status")));
            }
            case "PUT /api/clinics/{clinicId}" -> {
                Document before = mongo.findById(resource.clinicId(), Document.class, "clinics");
                Clinic clinic = DemoCatalog.CLINICS.stream().filter(it -> it.id().equals(resource.clinicId()))
                        .findFirst().orElseThrow();
                yield new Attempt(send(port, "PUT", "/api/clinics/" + resource.clinicId(),
                        Map.of("name", clinic.name(), "timeZone", clinic.timeZone()), token),
                        () -> before.equals(mongo.findById(resource.clinicId(), Document.class, "clinics")));
            }
            case "PUT /api/clinics/{clinicId}/services/{serviceId}" -> {
                String key = resource.clinicId() + "|" + resource.serviceId();
                Document before = mongo.findById(key, Document.class, "services");
                yield new Attempt(send(port, "PUT", "/api/clinics/" + resource.clinicId() + "/services/"
                        + resource.serviceId(), serviceBody(resource), token),
                        () -> before.equals(mongo.findById(key, Document.class, "services")));
            }
            case "GET /api/clinics/{clinicId}/resources" -> new Attempt(
                    send(port, "GET", "/api/clinics/" + resource.clinicId() + "/resources", null, token), () -> true);
            case "PUT /api/clinics/{clinicId}/resources/{resourceId}" -> {
                String path = "/api/clinics/" + resource.clinicId() + "/resources/walk-room";
                Map<String, Object> room = Map.of("name", "Walk room", "kind", "ROOM");
                assertThat(send(port, "PUT", path, room, issuer.token(frontDesk(resource.clinicId()))).status())
                        .isIn(200, 201);
                Document before = mongo.findById(resource.clinicId() + "|walk-room", Document.class, "resources");
                yield new Attempt(send(port, "PUT", path, room, token), () -> before.equals(
                        mongo.findById(resource.clinicId() + "|walk-room", Document.class, "resources")));
            }
            case "GET /api/clinics/{clinicId}/closures" -> new Attempt(send(port, "GET", "/api/clinics/"
                    + resource.clinicId() + "/closures?from=" + FAR + "&to=" + FAR.plusDays(1), null, token),
                    () -> true);
            case "POST /api/clinics/{clinicId}/closures" -> {
                long before = mongo.count(query(where("clinicId").is(resource.clinicId())), "clinic_closures");
                yield new Attempt(send(port, "POST", "/api/clinics/" + resource.clinicId() + "/closures",
                        Map.of("date", FAR.toString(), "name", "Walk holiday"), token),
                        () -> mongo.count(query(where("clinicId").is(resource.clinicId())), "clinic_closures")
                                == before);
            }
            case "DELETE /api/clinics/{clinicId}/closures/{closureId}" -> {
                Response closed = send(port, "POST", "/api/clinics/" + resource.clinicId() + "/closures",
                        Map.of("date", FAR.toString()), issuer.token(frontDesk(resource.clinicId())));
                assertThat(closed.status()).as(closed.text()).isEqualTo(201);
                String id = closed.body().get("id").asText();
                yield new Attempt(send(port, "DELETE", "/api/clinics/" + resource.clinicId() + "/closures/" + id,
                        null, token), () -> mongo.findById(id, Document.class, "clinic_closures") != null);
            }
            case "GET /api/practitioners/{practitionerId}/hours/{clinicId}" -> new Attempt(send(port, "GET",
                    "/api/practitioners/" + resource.practitionerId() + "/hours/" + resource.clinicId(), null,
                    token), () -> true);
            case "PUT /api/practitioners/{practitionerId}/hours/{clinicId}" -> {
                String key = resource.practitionerId() + "|" + resource.clinicId();
                Document before = mongo.findById(key, Document.class, "practitioner_hours");
                yield new Attempt(send(port, "PUT", "/api/practitioners/" + resource.practitionerId() + "/hours/"
                        + resource.clinicId(), hoursBody(resource), token),
                        () -> before.equals(mongo.findById(key, Document.class, "practitioner_hours")));
            }
            case "POST /api/practitioners/{practitionerId}/exceptions" -> {
                long before = mongo.count(query(where("practitionerId").is(resource.practitionerId())),
                        "schedule_exceptions");
                yield new Attempt(send(port, "POST", "/api/practitioners/" + resource.practitionerId()
                        + "/exceptions", leave(), token), () -> mongo.count(query(where("practitionerId")
                        .is(resource.practitionerId())), "schedule_exceptions") == before);
            }
            case "GET /api/practitioners/{practitionerId}/exceptions" -> new Attempt(send(port, "GET",
                    "/api/practitioners/" + resource.practitionerId() + "/exceptions?from=" + FAR + "&to="
                            + FAR.plusDays(1), null, token), () -> true);
            case "DELETE /api/practitioners/{practitionerId}/exceptions/{exceptionId}" -> {
                Response added = send(port, "POST", "/api/practitioners/" + resource.practitionerId()
                        + "/exceptions", leave(), issuer.token(frontDesk(resource.clinicId())));
                assertThat(added.status()).as(added.text()).isEqualTo(201);
                String id = added.body().get("id").asText();
                yield new Attempt(send(port, "DELETE", "/api/practitioners/" + resource.practitionerId()
                        + "/exceptions/" + id, null, token),
                        () -> mongo.findById(id, Document.class, "schedule_exceptions") != null);
            }
            case "GET /api/availability" -> new Attempt(send(port, "GET", "/api/availability?clinicId="
                    + resource.clinicId() + "&serviceId=" + resource.serviceId() + "&from=" + WALK_DATE + "&to="
                    + WALK_DATE, null, token), () -> true);
            case "POST /api/waitlist" -> {
                long before = waitlistEntriesOf(resource);
                yield new Attempt(send(port, "POST", "/api/waitlist", waitlistRequest(resource), token),
                        () -> waitlistEntriesOf(resource) == before);
            }
            case "GET /api/waitlist/{id}" -> {
                String id = waitlistFixture(resource);
                yield new Attempt(send(port, "GET", "/api/waitlist/" + id, null, token), () -> true);
            }
            case "GET /api/waitlist?clinicId&serviceId" -> new Attempt(send(port, "GET", "/api/waitlist?clinicId="
                    + resource.clinicId() + "&serviceId=" + resource.serviceId(), null, token), () -> true);
            case "DELETE /api/waitlist/{id}" -> {
                String id = waitlistFixture(resource);
                yield new Attempt(send(port, "DELETE", "/api/waitlist/" + id, null, token),
                        () -> "WAITING".equals(mongo.findById(id, Document.class, "waitlist").getString("status")));
            }
            case "POST /api/waitlist/{id}/accept", "POST /api/waitlist/{id}/decline" -> {
                String id = waitlistFixture(resource);
                yield new Attempt(send(port, "POST", endpoint.substring(5).replace("{id}", id),
                        Map.of("offerId", "no-such-offer"), token),
                        () -> "WAITING".equals(mongo.findById(id, Document.class, "waitlist").getString("status")));
            }
            case "GET /api/recalls?clinicId" -> new Attempt(send(port, "GET", "/api/recalls?clinicId="
                    + resource.clinicId(), null, token), () -> true);
            case "POST /api/recalls/{id}/handled" -> {
                String id = recallFixture(resource);
                yield new Attempt(send(port, "POST", "/api/recalls/" + id + "/handled", null, token),
                        () -> "OPEN".equals(mongo.findById(id, Document.class, "recalls").getString("status")));
            }
            default -> throw new AssertionError("no call for " + endpoint);
        };
        List<String> failures = new ArrayList<>();
        Response response = attempt.response();
        if (response.status() != expected) {
            failures.add(who + ": expected " + expected + " but was " + response.status() + " " + response.text());
        }
        if (expected >= 400) {
            if (!response.contentType().startsWith("application/problem+json")) {
                failures.add(who + ": refusal is not problem+json but " + response.contentType());
            }
            if (response.text().contains(resource.patientId())) {
                failures.add(who + ": refusal shows the patient id");
            }
            if (!attempt.unchanged().getAsBoolean()) {
                failures.add(who + ": a refused call changed the data");
            }
        }
        return failures;
    }

    record Attempt(Response response, BooleanSupplier unchanged) {
    }

    // --- resources

    record Resource(String clinicId, String serviceId, String practitionerId, String patientId) {
    }

    static Resource at(String clinicId, String practitionerId, String patientId) {
        String serviceId = switch (clinicId) {
            case "running-shoe" -> practitionerId.equals("sofia-ramirez") ? "massage-60" : "physio-follow-up";
            case "calgary-concussion" -> "concussion-follow-up";
            default -> "trigger-point-injection";
        };
        return new Resource(clinicId, serviceId, practitionerId, patientId);
    }

    static final Resource ANN_AT_RUNNING_SHOE = at("running-shoe", "sofia-ramirez", ANN_LEE_ID);
    static final Resource OTHER_AT_RUNNING_SHOE = at("running-shoe", "sofia-ramirez", OTHER_RS);
    static final Resource BEN_AT_PAIN_CLINIC = at("integrative-pain", "liam-okafor", BEN_ROY_ID);
    static final Resource OTHER_AT_PAIN_CLINIC = at("integrative-pain", "liam-okafor", OTHER_IP);

    /** The resource a persona's call aims at; for a booking, the appointment it asks for. */
    static Resource resource(DemoPersona persona, Target target) {
        return switch (persona) {
            case FRONTDESK_RUNNING_SHOE, OPERATOR, AUDITOR -> pick(target, ANN_AT_RUNNING_SHOE, OTHER_AT_RUNNING_SHOE,
                    at("calgary-concussion", "noah-tremblay", OTHER_CC));
            case FRONTDESK_CALGARY_CONCUSSION -> pick(target, at("calgary-concussion", "noah-tremblay", OTHER_CC),
                    at("calgary-concussion", "maya-chen", OTHER_CC), ANN_AT_RUNNING_SHOE);
            case FRONTDESK_INTEGRATIVE_PAIN ->
                    pick(target, BEN_AT_PAIN_CLINIC, OTHER_AT_PAIN_CLINIC, ANN_AT_RUNNING_SHOE);
            case PRACTITIONER_MAYA_CHEN -> pick(target, at("calgary-concussion", "maya-chen", OTHER_CC),
                    at("calgary-concussion", "noah-tremblay", OTHER_CC), OTHER_AT_PAIN_CLINIC);
            case PRACTITIONER_NOAH_TREMBLAY -> pick(target, at("calgary-concussion", "noah-tremblay", OTHER_CC),
                    at("calgary-concussion", "maya-chen", OTHER_CC), OTHER_AT_RUNNING_SHOE);
            case PATIENT_ANN_LEE -> pick(target, ANN_AT_RUNNING_SHOE, OTHER_AT_RUNNING_SHOE, BEN_AT_PAIN_CLINIC);
            case PATIENT_BEN_ROY -> pick(target, BEN_AT_PAIN_CLINIC, OTHER_AT_PAIN_CLINIC, ANN_AT_RUNNING_SHOE);
        };
    }

    static Resource pick(Target target, Resource own, Resource colleague, Resource foreign) {
        return switch (target) {
            case OWN -> own;
            case COLLEAGUE -> colleague;
            case FOREIGN -> foreign;
        };
    }

    /** A fresh appointment for the resource, booked by its clinic's front desk; returns its id. */
    String bookFixture(Resource resource) {
        Response booked = book(port, resource.clinicId(), resource.serviceId(), resource.practitionerId(),
                resource.patientId(), nextSlot(resource));
        assertThat(booked.status()).as(booked.text()).isEqualTo(201);
        return booked.body().get("id").asText();
    }

    /**
     * A week of waiting for the resource's service with its practitioner, from the walk's date, on Sundays only (when
     * nobody works): the time the walk's cancellations free is never offered to it.
     */
    static Map<String, Object> waitlistRequest(Resource resource) {
        return Map.of("clinicId", resource.clinicId(), "serviceId", resource.serviceId(),
                "practitionerId", resource.practitionerId(), "patientId", resource.patientId(),
                "from", WALK_DATE.toString(), "to", WALK_DATE.plusDays(7).toString(), "weekdays", List.of("SUNDAY"));
    }

    /** A fresh waitlist entry for the resource, added by its clinic's front desk; returns its id. */
    String waitlistFixture(Resource resource) {
        Response added = send(port, "POST", "/api/waitlist", waitlistRequest(resource),
                issuer.token(frontDesk(resource.clinicId())));
        assertThat(added.status()).as(added.text()).isEqualTo(201);
        return added.body().get("id").asText();
    }

    /** A fresh open recall of the resource's patient at its clinic (stored directly); returns its id. */
    String recallFixture(Resource resource) {
        String id = "walk:" + java.util.UUID.randomUUID();
        assertThat(recalls.add(Recall.restore(id, resource.patientId(), resource.clinicId(), resource.serviceId(),
                resource.practitionerId(), "SESSION_NOT_BOOKED", "walk-appointment", null, Instant.now(),
                Recall.Status.OPEN, null, null, 1))).isTrue();
        return id;
    }

    long waitlistEntriesOf(Resource resource) {
        return mongo.count(query(where("patientId").is(resource.patientId()).and("serviceId")
                .is(resource.serviceId())), "waitlist");
    }

    /** A one-session course at the next slot for the resource. */
    static Map<String, Object> courseRequest(Resource resource, Instant start) {
        return Map.of("clinicId", resource.clinicId(), "serviceId", resource.serviceId(),
                "practitionerId", resource.practitionerId(), "patientId", resource.patientId(),
                "starts", List.of(start.toString()), "minDaysBetween", 0, "maxDaysBetween", 0);
    }

    /** A fresh one-session course for the resource, planned by its clinic's front desk; returns its id. */
    String courseFixture(Resource resource) {
        Response planned = send(port, "POST", "/api/courses", courseRequest(resource, nextSlot(resource)),
                issuer.token(frontDesk(resource.clinicId())));
        assertThat(planned.status()).as(planned.text()).isEqualTo(201);
        return planned.body().get("id").asText();
    }

    /**
     * A fresh appointment that has started (for a no-show): booked like {@link #bookFixture}, then moved into the
     * past directly in the database, as the service's clock is the real one.
     */
    String startedFixture(Resource resource) {
        String id = bookFixture(resource);
        Instant start = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.HOURS);
        mongo.updateFirst(query(where("_id").is(id)), new Update().set("start", start)
                .set("end", start.plus(Duration.ofMinutes(30))), "appointments");
        return id;
    }

    boolean hasStatus(String id, String status) {
        return status.equals(mongo.findById(id, Document.class, "appointments").getString("status"));
    }

    /**
     * Hour after hour of the practitioner's hours at the clinic (every service of the walk lasts at most an hour), on
     * weeks nobody else books: no two calls of the walk ever compete for a time.
     */
    static Instant nextSlot(Resource resource) {
        Iterator<Instant> free = slots.computeIfAbsent(resource.practitionerId() + "|" + resource.clinicId(),
                key -> inHours(resource.practitionerId(), resource.clinicId(), WALK_DATE, 60));
        synchronized (free) {
            return free.next();
        }
    }

    // --- the table

    /** "METHOD /path" of every request mapping, Spring's own /error excluded. */
    Set<String> endpoints() {
        Set<String> endpoints = new TreeSet<>();
        mappings.getHandlerMethods().forEach((info, handler) -> {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String path : info.getPatternValues()) {
                if (path.equals("/error") || path.startsWith("/error/") || isApiDescription(path)) {
                    continue;
                }
                // a mapping told apart by its query parameters: "GET /api/appointments?clinicId"
                String params = info.getParamsCondition().getExpressions().stream()
                        .filter(expression -> !expression.isNegated()).map(NameValueExpression::getName).sorted()
                        .collect(Collectors.joining("&"));
                String target = params.isEmpty() ? path : path + "?" + params;
                if (methods.isEmpty()) {
                    endpoints.add("ANY " + target);
                }
                methods.forEach(method -> endpoints.add(method.name() + " " + target));
            }
        });
        return endpoints;
    }

    /** springdoc's OpenAPI document and Swagger UI: open to everyone, no data (ApiDocumentTest). */
    static boolean isApiDescription(String path) {
        return path.startsWith("/v3/api-docs") || path.startsWith("/swagger-ui");
    }

    static int[] statuses(int own, int colleague, int foreign) {
        return new int[] {own, colleague, foreign};
    }

    /** Their own clinic's for the front desk, their own for a patient. */
    static Map<Role, int[]> patientOrFrontDesk() {
        return Map.of(
                FRONT_DESK, statuses(200, 200, 404),
                PRACTITIONER, statuses(403, 403, 403),
                PATIENT, statuses(200, 404, 404),
                OPERATOR, statuses(403, 403, 403),
                AUDITOR, statuses(403, 403, 403));
    }

    /** As {@link #patientOrFrontDesk()}, answered 409 where allowed (no offer is open). */
    static Map<Role, int[]> waitlistAnswer() {
        return Map.of(
                FRONT_DESK, statuses(409, 409, 404),
                PRACTITIONER, statuses(403, 403, 403),
                PATIENT, statuses(409, 404, 404),
                OPERATOR, statuses(403, 403, 403),
                AUDITOR, statuses(403, 403, 403));
    }

    static Map<Role, int[]> frontDeskOnly() {
        return Map.of(
                FRONT_DESK, statuses(200, 200, 404),
                PRACTITIONER, statuses(403, 403, 403),
                PATIENT, statuses(403, 403, 403),
                OPERATOR, statuses(403, 403, 403),
                AUDITOR, statuses(403, 403, 403));
    }

    /** The front desk of the clinic only (own and colleague: their clinic; foreign: another). */
    static Map<Role, int[]> clinicDesk(int success) {
        return Map.of(
                FRONT_DESK, statuses(success, success, 403),
                PRACTITIONER, statuses(403, 403, 403),
                PATIENT, statuses(403, 403, 403),
                OPERATOR, statuses(403, 403, 403),
                AUDITOR, statuses(403, 403, 403));
    }

    /** The demo service of the resource as a PUT body (replacing it with itself). */
    static Map<String, Object> serviceBody(Resource resource) {
        ClinicService service = DemoCatalog.SERVICES.stream().filter(it -> it.clinicId().equals(resource.clinicId())
                && it.id().equals(resource.serviceId())).findFirst().orElseThrow();
        Map<String, Object> body = new HashMap<>();
        body.put("name", service.name());
        body.put("durationMinutes", service.durationMinutes());
        body.put("lateCancellationWindow", service.lateCancellationWindow().toString());
        body.put("bufferBeforeMinutes", service.bufferBeforeMinutes());
        body.put("bufferAfterMinutes", service.bufferAfterMinutes());
        body.put("onlineBookable", service.onlineBookable());
        body.put("minimumNotice", service.minimumNotice().toString());
        body.put("bookingHorizon", service.bookingHorizon().toString());
        body.put("resourceKind", service.resourceKind());
        body.put("practitionerIds", service.practitionerIds());
        body.put("slotMinutes", service.slotMinutes());
        body.put("aftercare", service.aftercare());
        return body;
    }

    /** The demo hours of the resource's practitioner at its clinic as a PUT body (replacing them with themselves). */
    static Map<String, Object> hoursBody(Resource resource) {
        WeeklyHours hours = DemoSchedule.HOURS.stream().filter(it -> it.practitionerId()
                .equals(resource.practitionerId()) && it.clinicId().equals(resource.clinicId())).findFirst()
                .orElseThrow();
        return Map.of("weekly", hours.weekly().stream().map(day -> Map.of("day", day.day().name(),
                "start", day.start().toString(), "end", day.end().toString(), "breaks", day.breaks().stream()
                        .map(pause -> Map.of("start", pause.start().toString(), "end", pause.end().toString()))
                        .toList())).toList());
    }

    static Map<String, Object> leave() {
        return Map.of("kind", "LEAVE", "start", FAR.atTime(8, 0).toString(), "end", FAR.atTime(9, 0).toString());
    }

    static Map<Role, int[]> everyRole(int own, int colleague, int foreign) {
        return Arrays.stream(Role.values()).collect(Collectors.toMap(role -> role,
                role -> statuses(own, colleague, foreign)));
    }
}
