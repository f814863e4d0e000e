package com.clinicbackbone.booking;

import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.TUESDAY;
import static java.time.DayOfWeek.WEDNESDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.clinicbackbone.booking.appointment.CalendarBuckets;
import com.clinicbackbone.security.DemoPersona;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;

/**
 * Hours, exceptions, closures, the catalog's staff endpoints, availability and the booking rules over HTTP (weeks 2
 * and 3 are this class's).
 */
class ScheduleIntegrationTest extends AbstractIntegrationTest {

    static final String IP_PATIENT = "schedule-pain-patient";
    static final String RS_PATIENT = "schedule-running-shoe-patient";
    static final String CC_PATIENT = "schedule-concussion-patient";
    static volatile boolean registered;

    @BeforeEach
    void registerPatients() {
        if (!registered) {
            register(IP_PATIENT, "integrative-pain");
            register(RS_PATIENT, "running-shoe");
            register(CC_PATIENT, "calgary-concussion");
            register(DemoPersona.BEN_ROY_ID, "integrative-pain");
            registered = true;
        }
    }

    Response availability(String query, DemoPersona persona) {
        return get("/api/availability?" + query, persona);
    }

    static List<String> starts(Response response) {
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return StreamSupport.stream(response.body().get("slots").spliterator(), false)
                .map(slot -> slot.get("start").asText()).toList();
    }

    long appointmentsOf(String patientId, Instant start) {
        return mongo.count(query(where("patientId").is(patientId).and("start").is(start)), "appointments");
    }

    static void assertProblem(Response response, int status, String rule, String field) {
        assertThat(response.status()).as(response.text()).isEqualTo(status);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        if (rule != null) {
            assertThat(response.body().get("rule").asText()).isEqualTo(rule);
        }
        assertThat(response.body().get("errors").get(0).get("field").asText()).isEqualTo(field);
        assertThat(response.body().get("detail").asText()).isNotBlank();
    }

    // --- availability

    @Test
    void availabilityListsTheSlotsInClinicTimeAndABookingTakesItsSlotAway() {
        LocalDate date = day(2, MONDAY);
        String query = "clinicId=integrative-pain&serviceId=trigger-point-injection&from=" + date + "&to=" + date
                + "&practitionerId=liam-okafor";

        Response before = availability(query, DemoPersona.FRONTDESK_INTEGRATIVE_PAIN);

        assertThat(before.body().get("timeZone").asText()).isEqualTo("America/Edmonton");
        assertThat(before.body().get("from").asText()).isEqualTo(date.toString());
        JsonNode first = before.body().get("slots").get(0);
        assertThat(first.get("start").asText()).isEqualTo(at(date, "08:00").toString());
        assertThat(first.get("end").asText()).isEqualTo(at(date, "08:30").toString());
        assertThat(first.get("practitionerId").asText()).isEqualTo("liam-okafor");
        assertThat(starts(before)).contains(at(date, "11:30").toString(), at(date, "13:00").toString())
                .doesNotContain(at(date, "12:00").toString(), at(date, "15:45").toString());

        assertThat(book(port, "integrative-pain", "trigger-point-injection", "liam-okafor", IP_PATIENT,
                at(date, "08:00")).status()).isEqualTo(201);

        assertThat(starts(availability(query, DemoPersona.PATIENT_BEN_ROY))).doesNotContain(
                at(date, "08:00").toString(), at(date, "08:15").toString()).contains(at(date, "08:30").toString());
        assertThat(starts(availability(query, DemoPersona.PRACTITIONER_MAYA_CHEN))).hasSize(starts(before).size() - 2);
    }

    @Test
    void availabilityRefusesBadQueriesWithAProblem() {
        LocalDate date = day(2, MONDAY);
        String service = "clinicId=running-shoe&serviceId=physio-follow-up";
        DemoPersona desk = DemoPersona.FRONTDESK_RUNNING_SHOE;

        assertProblem(availability(service + "&to=" + date, desk), 400, null, "from");
        assertProblem(availability(service + "&from=tuesday&to=" + date, desk), 400, null, "from");
        assertProblem(availability(service + "&from=" + date + "&to=" + date.minusDays(1), desk), 400, null, "to");
        assertProblem(availability(service + "&from=" + date + "&to=" + date.plusDays(93), desk), 400, null, "to");
        assertThat(starts(availability(service + "&from=" + date + "&to=" + date.plusDays(92), desk))).isNotEmpty();
        assertThat(availability("clinicId=nowhere&serviceId=x&from=" + date + "&to=" + date, desk).status())
                .isEqualTo(404);
        assertThat(availability("clinicId=running-shoe&serviceId=nothing&from=" + date + "&to=" + date, desk)
                .status()).isEqualTo(404);
        assertThat(availability(service + "&from=" + date + "&to=" + date + "&practitionerId=nobody", desk)
                .status()).isEqualTo(404);
        assertProblem(availability("clinicId=integrative-pain&serviceId=prolotherapy&from=" + date + "&to=" + date,
                DemoPersona.PATIENT_BEN_ROY), 403, "NOT_ONLINE_BOOKABLE", "serviceId");
        assertThat(starts(availability("clinicId=integrative-pain&serviceId=prolotherapy&from=" + date + "&to="
                + date, DemoPersona.FRONTDESK_INTEGRATIVE_PAIN))).isNotEmpty();
        assertThat(availability(service + "&from=" + date + "&to=" + date, DemoPersona.OPERATOR).status())
                .isEqualTo(403);
    }

    // --- booking rules

    @Test
    void aBookingOutsideTheRulesIsAProblemNamingTheRuleAndStoresNothing() {
        LocalDate date = day(2, TUESDAY);
        record Case(String serviceId, String practitionerId, Instant start, int status, String rule, String field) {
        }
        for (Case refused : List.of(
                new Case("pain-consultation", "liam-okafor", at(date, "07:00"), 422, "OUTSIDE_HOURS", "start"),
                new Case("pain-consultation", "liam-okafor", at(date, "11:30"), 422, "IN_BREAK", "start"),
                new Case("pain-consultation", "liam-okafor", at(date, "09:10"), 400, null, "start"),
                new Case("pain-consultation", "liam-okafor", at(date.plusDays(190), "09:00"), 422,
                        "BEYOND_HORIZON", "start"),
                new Case("prolotherapy", "liam-okafor", at(date, "09:00"), 422, "PREREQUISITE_MISSING",
                        "serviceId"))) {
            Response response = book(port, "integrative-pain", refused.serviceId(), refused.practitionerId(),
                    IP_PATIENT, refused.start());
            assertProblem(response, refused.status(), refused.rule(), refused.field());
            assertThat(response.text()).doesNotContain(IP_PATIENT);
            assertThat(appointmentsOf(IP_PATIENT, refused.start())).isZero();
            assertThat(CalendarDays.ofOwner(mongo, "liam-okafor", refused.start(),
                    refused.start().plus(CalendarBuckets.SIZE))).isEmpty();
        }
        Response online = book(port, "integrative-pain", "prolotherapy", "liam-okafor", DemoPersona.BEN_ROY_ID,
                at(date, "10:00"), issuer.token(DemoPersona.PATIENT_BEN_ROY));
        assertProblem(online, 403, "NOT_ONLINE_BOOKABLE", "serviceId");
        Response notProvided = book(port, "running-shoe", "physio-follow-up", "sofia-ramirez", RS_PATIENT,
                at(date, "10:00"));
        assertProblem(notProvided, 422, "NOT_PROVIDED", "practitionerId");
        assertThat(appointmentsOf(RS_PATIENT, at(date, "10:00"))).isZero();
    }

    @Test
    void prolotherapyAfterACompletedConsultationTakesTheOnlyUltrasound() {
        LocalDate date = day(3, WEDNESDAY); // liam-okafor and amira-haddad both at running-shoe
        String consultation = book(port, "running-shoe", "prolotherapy-consultation", "liam-okafor", RS_PATIENT,
                at(date, "09:00")).body().get("id").asText();
        assertThat(post("/api/appointments/" + consultation + "/check-in", null, DemoPersona.FRONTDESK_RUNNING_SHOE)
                .status()).isEqualTo(200);
        assertThat(post("/api/appointments/" + consultation + "/complete", null, DemoPersona.FRONTDESK_RUNNING_SHOE)
                .status()).isEqualTo(200);

        Response prolotherapy = book(port, "running-shoe", "prolotherapy", "liam-okafor", RS_PATIENT,
                at(date, "10:00"));

        assertThat(prolotherapy.status()).as(prolotherapy.text()).isEqualTo(201);
        assertThat(prolotherapy.body().get("resourceId").asText()).isEqualTo("rs-ultrasound-1");
        assertThat(CalendarDays.ofAppointment(mongo, prolotherapy.body().get("id").asText()))
                .filteredOn(claim -> claim.owner().equals("resource:rs-ultrasound-1"))
                .hasSize(12); // 45 minutes and the 15 after
        Response noDevice = book(port, "running-shoe", "prp-injection", "amira-haddad", RS_PATIENT,
                at(date, "10:30"));
        assertProblem(noDevice, 409, "NO_FREE_RESOURCE", "start");
        assertThat(appointmentsOf(RS_PATIENT, at(date, "10:30"))).isZero();
        assertThat(CalendarDays.ofOwner(mongo, "amira-haddad", at(date, "10:30"),
                at(date, "10:30").plus(CalendarBuckets.SIZE))).isEmpty();
        assertThat(starts(availability("clinicId=running-shoe&serviceId=prp-injection&practitionerId=amira-haddad"
                + "&from=" + date + "&to=" + date, DemoPersona.FRONTDESK_RUNNING_SHOE)))
                .contains(at(date, "09:30").toString(), at(date, "11:00").toString())
                .doesNotContain(at(date, "09:45").toString(), at(date, "10:30").toString());
    }

    // --- hours, exceptions, closures

    Map<String, Object> block(String day, String start, String end, String breakStart, String breakEnd) {
        Map<String, Object> block = new HashMap<>(Map.of("day", day, "start", start, "end", end));
        block.put("breaks", breakStart == null ? List.of() : List.of(Map.of("start", breakStart, "end", breakEnd)));
        return block;
    }

    Response putHours(String practitionerId, String clinicId, List<Map<String, Object>> weekly) {
        return send(port, "PUT", "/api/practitioners/" + practitionerId + "/hours/" + clinicId,
                Map.of("weekly", weekly), issuer.token(frontDesk(clinicId)));
    }

    @Test
    void weeklyHoursAreReplacedByTheDeskAndBadOnesAreRefusedStoringNothing() {
        Response hours = get("/api/practitioners/amira-haddad/hours/running-shoe", DemoPersona.PATIENT_ANN_LEE);
        assertThat(hours.status()).isEqualTo(200);
        assertThat(hours.body().get("weekly")).hasSize(5);
        assertThat(hours.body().get("weekly").get(0).get("day").asText()).isEqualTo("MONDAY");
        assertThat(hours.body().get("weekly").get(0).get("breaks").get(0).get("start").asText()).isEqualTo("12:00");

        assertProblem(putHours("amira-haddad", "running-shoe", List.of(block("MONDAY", "16:00", "09:00", null,
                null))), 400, null, "end");
        assertProblem(putHours("amira-haddad", "running-shoe", List.of(block("MONDAY", "09:00", "12:00", "11:30",
                "12:30"))), 400, null, "breaks");
        assertProblem(putHours("amira-haddad", "running-shoe", List.of(block("MONDAY", "09:00", "12:00", null, null),
                block("MONDAY", "11:00", "13:00", null, null))), 400, null, "weekly");
        Response twoPlaces = putHours("maya-chen", "calgary-concussion", List.of(block("MONDAY", "15:00", "18:00",
                null, null)));
        assertThat(twoPlaces.status()).isEqualTo(409);
        assertThat(twoPlaces.body().get("detail").asText()).contains("running-shoe");
        assertThat(get("/api/practitioners/amira-haddad/hours/running-shoe", DemoPersona.OPERATOR).body())
                .isEqualTo(hours.body());
        assertThat(get("/api/practitioners/maya-chen/hours/calgary-concussion", DemoPersona.OPERATOR).body()
                .get("weekly")).hasSize(2);

        List<Map<String, Object>> original = json.convertValue(hours.body().get("weekly"),
                new TypeReference<List<Map<String, Object>>>() { });
        try {
            Response saturday = putHours("amira-haddad", "running-shoe", List.of(block("SATURDAY", "09:00", "12:00",
                    null, null)));
            assertThat(saturday.status()).as(saturday.text()).isEqualTo(200);
            LocalDate date = day(3, java.time.DayOfWeek.SATURDAY);
            assertThat(starts(availability("clinicId=running-shoe&serviceId=botox-injection&from=" + date + "&to="
                    + date, DemoPersona.FRONTDESK_RUNNING_SHOE))).startsWith(at(date, "09:00").toString());
        } finally {
            assertThat(putHours("amira-haddad", "running-shoe", original).status()).isEqualTo(200);
        }
        assertThat(get("/api/practitioners/amira-haddad/hours/running-shoe", DemoPersona.OPERATOR).body())
                .isEqualTo(hours.body());
    }

    @Test
    void leaveTakesTheDayAwayUntilItIsRemovedAndItsPostIsIdempotent() {
        LocalDate date = day(2, WEDNESDAY);
        String slots = "clinicId=calgary-concussion&serviceId=concussion-follow-up&practitionerId=noah-tremblay&from="
                + date + "&to=" + date;
        Map<String, Object> leave = Map.of("kind", "LEAVE", "start", date.atStartOfDay().toString(),
                "end", date.plusDays(1).atStartOfDay().toString());
        String key = UUID.randomUUID().toString();
        String token = issuer.token(DemoPersona.FRONTDESK_CALGARY_CONCUSSION);

        Response added = send(port, "POST", "/api/practitioners/noah-tremblay/exceptions", leave, token,
                Map.of("Idempotency-Key", key));
        Response again = send(port, "POST", "/api/practitioners/noah-tremblay/exceptions", leave, token,
                Map.of("Idempotency-Key", key));

        assertThat(added.status()).as(added.text()).isEqualTo(201);
        String id = added.body().get("id").asText();
        assertThat(added.location()).endsWith("/api/practitioners/noah-tremblay/exceptions/" + id);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.text()).isEqualTo(added.text());
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(mongo.count(query(where("practitionerId").is("noah-tremblay")
                .and("start").is(date.atStartOfDay().toString())), "schedule_exceptions")).isEqualTo(1);
        Response listed = get("/api/practitioners/noah-tremblay/exceptions?from=" + date + "&to=" + date,
                DemoPersona.PRACTITIONER_NOAH_TREMBLAY);
        assertThat(listed.body().findValuesAsString("id")).containsExactly(id);

        assertThat(starts(availability(slots, DemoPersona.FRONTDESK_CALGARY_CONCUSSION))).isEmpty();
        assertProblem(book(port, "calgary-concussion", "concussion-follow-up", "noah-tremblay", CC_PATIENT,
                at(date, "09:00")), 422, "ON_LEAVE", "start");

        assertThat(send(port, "DELETE", "/api/practitioners/noah-tremblay/exceptions/" + id, null, token).status())
                .isEqualTo(204);
        assertThat(starts(availability(slots, DemoPersona.FRONTDESK_CALGARY_CONCUSSION))).isNotEmpty();
        assertThat(send(port, "DELETE", "/api/practitioners/noah-tremblay/exceptions/" + id, null, token).status())
                .isEqualTo(404);
        assertProblem(send(port, "POST", "/api/practitioners/noah-tremblay/exceptions", Map.of("kind", "LEAVE",
                "start", date.atTime(10, 0).toString(), "end", date.atTime(9, 0).toString()), token), 400, null,
                "end");
        assertProblem(send(port, "POST", "/api/practitioners/noah-tremblay/exceptions", Map.of("kind", "HOLIDAY",
                "start", date.atTime(9, 0).toString(), "end", date.atTime(10, 0).toString()), token), 400, null,
                "kind");
    }

    @Test
    void aClosedClinicHasNoSlotsAndTakesNoBookingsUntilItReopens() {
        LocalDate date = day(2, WEDNESDAY).plusDays(1);
        String slots = "clinicId=calgary-concussion&serviceId=concussion-follow-up&from=" + date + "&to=" + date;
        Response closed = post("/api/clinics/calgary-concussion/closures", Map.of("date", date.toString(),
                "name", "Staff training"), DemoPersona.FRONTDESK_CALGARY_CONCUSSION);
        assertThat(closed.status()).as(closed.text()).isEqualTo(201);
        String id = closed.body().get("id").asText();

        assertThat(get("/api/clinics/calgary-concussion/closures?from=" + date + "&to=" + date,
                DemoPersona.PATIENT_ANN_LEE).body().findValuesAsString("id")).containsExactly(id);
        assertThat(starts(availability(slots, DemoPersona.FRONTDESK_CALGARY_CONCUSSION))).isEmpty();
        assertProblem(book(port, "calgary-concussion", "concussion-follow-up", "noah-tremblay", CC_PATIENT,
                at(date, "09:00")), 422, "CLINIC_CLOSED", "start");

        assertThat(send(port, "DELETE", "/api/clinics/calgary-concussion/closures/" + id, null,
                issuer.token(DemoPersona.FRONTDESK_CALGARY_CONCUSSION)).status()).isEqualTo(204);
        assertThat(starts(availability(slots, DemoPersona.FRONTDESK_CALGARY_CONCUSSION))).isNotEmpty();
    }

    // --- the catalog

    @Test
    void aClinicKeepsItsZoneWhenTheNewOneIsUnknown() {
        Response mars = send(port, "PUT", "/api/clinics/calgary-concussion",
                Map.of("name", "Calgary Concussion Centre", "timeZone", "Mars/Olympus"),
                issuer.token(DemoPersona.FRONTDESK_CALGARY_CONCUSSION));

        assertProblem(mars, 400, null, "timeZone");
        assertThat(mongo.findById("calgary-concussion", Document.class, "clinics").getString("timeZone"))
                .isEqualTo("America/Edmonton");
        Response same = send(port, "PUT", "/api/clinics/calgary-concussion",
                Map.of("name", "Calgary Concussion Centre", "timeZone", "America/Edmonton"),
                issuer.token(DemoPersona.FRONTDESK_CALGARY_CONCUSSION));
        assertThat(same.status()).as(same.text()).isEqualTo(200);
        assertThat(same.body().get("timeZone").asText()).isEqualTo("America/Edmonton");
    }

    @Test
    void aServiceIsCreatedOrReplacedByTheDeskAndValidated() {
        String id = "gait-analysis-" + UUID.randomUUID().toString().substring(0, 8);
        String path = "/api/clinics/running-shoe/services/" + id;
        String token = issuer.token(DemoPersona.FRONTDESK_RUNNING_SHOE);
        Map<String, Object> body = new HashMap<>(Map.of("name", "Gait analysis", "durationMinutes", 45,
                "onlineBookable", true, "minimumNotice", "PT4H", "bookingHorizon", "P60D", "bufferAfterMinutes", 10,
                "practitionerIds", List.of("maya-chen"), "slotMinutes", 15));

        Response created = send(port, "PUT", path, body, token);
        body.put("name", "Gait and running analysis");
        Response replaced = send(port, "PUT", path, body, token);

        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.body().get("minimumNotice").asText()).isEqualTo("PT4H");
        assertThat(created.body().get("bookingHorizon").asText()).isEqualTo("PT1440H");
        assertThat(replaced.status()).isEqualTo(200);
        assertThat(get("/api/clinics/running-shoe/services", DemoPersona.PATIENT_ANN_LEE).body()
                .findValuesAsString("name")).contains("Gait and running analysis");

        for (var bad : List.of(Map.entry("slotMinutes", (Object) 7), Map.entry("practitionerIds",
                        (Object) List.of("noah-tremblay")), Map.entry("minimumNotice", (Object) "soon"),
                Map.entry("durationMinutes", (Object) 0))) {
            Map<String, Object> wrong = new HashMap<>(body);
            wrong.put(bad.getKey(), bad.getValue());
            wrong.put("name", "Never stored");
            assertProblem(send(port, "PUT", path, wrong, token), 400, null, bad.getKey());
        }
        assertThat(mongo.findById("running-shoe|" + id, Document.class, "services").getString("name"))
                .isEqualTo("Gait and running analysis");
        assertThat(send(port, "PUT", path, body, issuer.token(DemoPersona.FRONTDESK_INTEGRATIVE_PAIN)).status())
                .isEqualTo(403);
    }

    @Test
    void theSeededDevicesAndServiceAttributesAreListed() {
        Response devices = get("/api/clinics/running-shoe/resources", DemoPersona.PATIENT_ANN_LEE);
        assertThat(devices.body().findValuesAsString("id")).contains("rs-ultrasound-1");
        assertThat(devices.body().findValuesAsString("kind")).contains("ULTRASOUND");

        JsonNode services = get("/api/clinics/integrative-pain/services", DemoPersona.FRONTDESK_INTEGRATIVE_PAIN)
                .body();
        JsonNode prolotherapy = StreamSupport.stream(services.spliterator(), false)
                .filter(it -> it.get("id").asText().equals("prolotherapy")).findFirst().orElseThrow();
        assertThat(prolotherapy.get("bufferAfterMinutes").asInt()).isEqualTo(15);
        assertThat(prolotherapy.get("onlineBookable").asBoolean()).isFalse();
        assertThat(prolotherapy.get("resourceKind").asText()).isEqualTo("ULTRASOUND");
        assertThat(prolotherapy.get("prerequisite").get("serviceId").asText()).isEqualTo("pain-consultation");
        assertThat(prolotherapy.get("aftercare").asText()).contains("ice");
        assertThat(Duration.parse(prolotherapy.get("prerequisite").get("within").asText()))
                .isEqualTo(Duration.ofDays(180));
    }
}
