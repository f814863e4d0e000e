package com.clinicbackbone.patient;

import static org.assertj.core.api.Assertions.assertThat;

import com.clinicbackbone.events.EventHeaders;
import com.clinicbackbone.events.PatientContactRecord;
import com.clinicbackbone.events.PatientErased;
import com.clinicbackbone.events.PatientLinkedToClinic;
import com.clinicbackbone.events.PatientRegistered;
import com.clinicbackbone.events.PatientsMerged;
import com.clinicbackbone.events.Topics;
import com.clinicbackbone.patient.patient.PatientFixture;
import com.clinicbackbone.patient.patient.PatientRegistry;
import com.clinicbackbone.security.DemoPersona;
import com.clinicbackbone.security.Role;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Demo data, linking, contact and consent changes, merge, erasure and the access log, end to end. */
class PatientLifecycleIntegrationTest extends PatientServiceIntegrationTest {

    static final DemoPersona RUNNING_SHOE = DemoPersona.FRONTDESK_RUNNING_SHOE;
    static final DemoPersona CONCUSSION = DemoPersona.FRONTDESK_CALGARY_CONCUSSION;
    static final String ANN = DemoPersona.ANN_LEE_ID;
    static final String BEN = DemoPersona.BEN_ROY_ID;

    @Autowired
    PatientRegistry registry;

    String patientToken(String patientId) {
        return issuer.token(Role.PATIENT, Set.of("running-shoe"), patientId, null);
    }

    @Test
    void seedsTheDemoPatientsOnceWithTheIdsOfTheSignInPersonasAndPublishesThem() throws Exception {
        HttpResponse<String> ann = get("/api/patients/" + ANN, DemoPersona.PATIENT_ANN_LEE);
        assertThat(ann.statusCode()).as(ann.body()).isEqualTo(200);
        assertThat(body(ann).get("familyName").asString()).isEqualTo("Lee");
        assertThat(body(ann).get("birthDate").asString()).isEqualTo("1984-03-02");
        assertThat(body(ann).get("clinicIds").toString()).isEqualTo("[\"running-shoe\"]");
        assertThat(body(ann).get("consents").findValuesAsString("channel")).containsExactly("EMAIL", "SMS");
        HttpResponse<String> ben = get("/api/patients/" + BEN, DemoPersona.PATIENT_BEN_ROY);
        assertThat(body(ben).get("language").asString()).isEqualTo("fr");
        assertThat(body(ben).get("channels").toString()).isEqualTo("[\"SMS\"]");
        assertThat(body(ben).get("phone").asString()).isEqualTo("+14035550188");

        awaitOutboxPublished(ANN);
        awaitOutboxPublished(BEN);
        registry.seedDemoPatients();

        assertThat(mongo.getCollection("patients").countDocuments(new Document("_id", ANN))).isOne();
        assertThat(mongo.findById(ANN, Document.class, "patients").getLong("revision")).isEqualTo(1);
        assertThat(json.readValue(read(Topics.PATIENTS, BEN, 1).get(0).value(), PatientRegistered.class))
                .isEqualTo(new PatientRegistered(BEN, "integrative-pain"));
        assertThat(json.readValue(read(Topics.PATIENT_CONTACTS, ANN, 1).get(0).value(), PatientContactRecord.class))
                .isEqualTo(new PatientContactRecord(ANN, "Ann", "ann.lee@example.org", "+14035550123", "en",
                        List.of("EMAIL", "SMS"), List.of("EMAIL", "SMS")));
    }

    @Test
    void answersTheSeededRecordWhenItsOwnClinicRegistersAnnAgain() throws Exception {
        HttpResponse<String> again = post("/api/patients", RUNNING_SHOE, PatientFixture.ann().toJson());

        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(body(again).get("id").asString()).isEqualTo(ANN);
        assertThat(body(again).get("linkedExisting").asBoolean()).isTrue();
        assertThat(mongo.getCollection("patients").countDocuments(new Document("familyKey", "lee")
                .append("birthDate", "1984-03-02"))).isOne();
    }

    @Test
    void linksTheSamePersonRegisteredAtAnotherClinicAndPublishesTheLink() throws Exception {
        PatientFixture person = PatientFixture.someone();
        String id = body(post("/api/patients", RUNNING_SHOE, person.toJson())).get("id").asString();
        String familyName = (String) person.get("familyName");

        HttpResponse<String> linked = post("/api/patients", CONCUSSION, person
                .with("familyName", familyName.toUpperCase()).with("email", "another@example.org")
                .with("clinicId", "calgary-concussion").toJson());

        assertThat(linked.statusCode()).as(linked.body()).isEqualTo(200);
        JsonNode view = body(linked);
        assertThat(view.get("id").asString()).isEqualTo(id);
        assertThat(view.get("linkedExisting").asBoolean()).isTrue();
        assertThat(view.get("email").isNull()).isTrue();
        assertThat(view.get("phone").asString()).isEqualTo(person.get("phone"));
        assertThat(view.get("clinicIds").toString()).isEqualTo("[\"calgary-concussion\"]");
        assertThat(linked.body()).doesNotContain("running-shoe").doesNotContain((String) PatientFixture.someone()
                .get("email"));
        assertThat(mongo.getCollection("patients").countDocuments(new Document("familyKey", familyName.toLowerCase())))
                .isOne();
        assertThat(body(get("/api/patients/" + id, CONCUSSION)).get("clinicIds").toString())
                .isEqualTo("[\"calgary-concussion\"]");

        List<ConsumerRecord<String, String>> registry = read(Topics.PATIENTS, id, 2);
        assertThat(header(registry.get(1), EventHeaders.TYPE)).isEqualTo(PatientLinkedToClinic.TYPE);
        assertThat(header(registry.get(1), EventHeaders.REVISION)).isEqualTo("2");
        assertThat(header(registry.get(1), EventHeaders.CLINIC_ID)).isEqualTo("calgary-concussion");
        assertThat(json.readValue(registry.get(1).value(), PatientLinkedToClinic.class))
                .isEqualTo(new PatientLinkedToClinic(id, "calgary-concussion"));
    }

    @Test
    void publishesTheNewContactRecordForEveryContactOrConsentChange() throws Exception {
        String id = registerSomeone(RUNNING_SHOE);

        HttpResponse<String> contact = put("/api/patients/" + id + "/contact", RUNNING_SHOE, Map.of(
                "email", "New.Address@Example.org", "language", "fr", "channels", List.of("EMAIL")));
        assertThat(contact.statusCode()).as(contact.body()).isEqualTo(200);
        assertThat(body(contact).get("revision").asLong()).isEqualTo(2);
        assertThat(body(contact).get("phone").isNull()).isTrue();
        HttpResponse<String> consents = send("PUT", "/api/patients/" + id + "/consents", patientToken(id), Map.of(
                "consents", List.of(Map.of("channel", "EMAIL", "granted", true, "method", "online form"),
                        Map.of("channel", "SMS", "granted", false, "method", "online form"))));
        assertThat(consents.statusCode()).as(consents.body()).isEqualTo(200);

        JsonNode shown = body(get("/api/patients/" + id + "/contact", RUNNING_SHOE));
        assertThat(shown.get("revision").asLong()).isEqualTo(3);
        assertThat(shown.get("consents").get(0).get("method").asString()).isEqualTo("online form");
        assertThat(shown.get("consents").get(0).get("granted").asBoolean()).isTrue();
        assertThat(shown.get("consents").get(1).get("granted").asBoolean()).isFalse();
        assertThat(shown.get("consents").get(0).get("recordedAt").asString()).isNotBlank();

        List<ConsumerRecord<String, String>> records = read(Topics.PATIENT_CONTACTS, id, 3);
        assertThat(records).extracting(record -> header(record, EventHeaders.REVISION)).containsExactly("1", "2", "3");
        assertThat(json.readValue(records.get(2).value(), PatientContactRecord.class)).isEqualTo(
                new PatientContactRecord(id, "Sam", "new.address@example.org", null, "fr", List.of("EMAIL"),
                        List.of("EMAIL")));
    }

    @Test
    void mergesTwoRecordsOfOnePersonRetiringTheMergedOne() throws Exception {
        String survivor = registerSomeone(RUNNING_SHOE);
        PatientFixture duplicate = PatientFixture.someone().with("clinicId", "calgary-concussion");
        String merged = body(post("/api/patients", CONCUSSION, duplicate.toJson())).get("id").asString();
        assertThat(post("/api/patients", RUNNING_SHOE, duplicate.with("clinicId", "running-shoe").toJson())
                .statusCode()).as("linked to the front desk's clinic too").isEqualTo(200);

        HttpResponse<String> result = post("/api/patients/" + survivor + "/merge", RUNNING_SHOE,
                Map.of("mergedPatientId", merged));

        assertThat(result.statusCode()).as(result.body()).isEqualTo(200);
        assertThat(body(result).get("id").asString()).isEqualTo(survivor);
        assertThat(body(result).get("clinicIds").toString()).isEqualTo("[\"running-shoe\"]");
        assertThat(get("/api/patients/" + merged, RUNNING_SHOE).statusCode()).isEqualTo(404);
        assertThat(get("/api/patients/" + merged, CONCUSSION).statusCode()).isEqualTo(404);
        assertThat(get("/api/patients/" + survivor, CONCUSSION).statusCode()).isEqualTo(200);

        Document retired = mongo.findById(merged, Document.class, "patients");
        assertThat(retired.getString("status")).isEqualTo("MERGED");
        assertThat(retired.getString("mergedInto")).isEqualTo(survivor);
        assertThat(retired).doesNotContainKeys("givenName", "familyName", "familyKey", "nameKey", "birthDate", "email",
                "phone", "language", "channels", "consents", "clinicIds", "clinicId", "registeredAt");

        List<ConsumerRecord<String, String>> registry = read(Topics.PATIENTS, merged, 3);
        assertThat(header(registry.get(2), EventHeaders.TYPE)).isEqualTo(PatientsMerged.TYPE);
        assertThat(json.readValue(registry.get(2).value(), PatientsMerged.class)).isEqualTo(
                new PatientsMerged(merged, survivor, List.of("running-shoe", "calgary-concussion")));
        List<ConsumerRecord<String, String>> mergedContacts = read(Topics.PATIENT_CONTACTS, merged, 2);
        assertThat(mergedContacts.get(1).value()).as("tombstone").isNull();
        List<ConsumerRecord<String, String>> survivorContacts = read(Topics.PATIENT_CONTACTS, survivor, 2);
        assertThat(header(survivorContacts.get(1), EventHeaders.REVISION)).isEqualTo("2");
    }

    @Test
    void erasureLeavesNothingPersonalInTheDatabaseAndTheRecordAnswers404() throws Exception {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String givenName = "Erin" + (char) ('a' + random.nextInt(26)) + (char) ('a' + random.nextInt(26)) + "x";
        String birthDate = LocalDate.of(1920, 1, 1).plusDays(random.nextInt(20_000)).toString();
        PatientFixture person = PatientFixture.someone().with("givenName", givenName).with("birthDate", birthDate)
                .withConsent("SMS", true, "written");
        String id = body(post("/api/patients", RUNNING_SHOE, person.toJson())).get("id").asString();
        put("/api/patients/" + id + "/consents", RUNNING_SHOE,
                Map.of("consents", List.of(Map.of("channel", "EMAIL", "granted", true, "method", "written"))));
        assertThat(get("/api/patients/" + id, RUNNING_SHOE).statusCode()).isEqualTo(200);
        assertThat(get("/api/patients?name=" + givenName, RUNNING_SHOE).body()).contains(id);
        awaitOutboxPublished(id); // an erasure drops contact records not yet published: these three were

        HttpResponse<String> erased = send("DELETE", "/api/patients/" + id, patientToken(id), null);

        assertThat(erased.statusCode()).as(erased.body()).isEqualTo(204);
        assertThat(get("/api/patients/" + id, RUNNING_SHOE).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/api/patients/" + id, patientToken(id), null).statusCode()).isEqualTo(404);
        assertThat(delete("/api/patients/" + id, RUNNING_SHOE).statusCode()).isEqualTo(404);
        assertThat(get("/api/patients?name=" + givenName, RUNNING_SHOE).body()).isEqualTo("[]");

        List<ConsumerRecord<String, String>> registry = read(Topics.PATIENTS, id, 2);
        assertThat(json.readValue(registry.get(1).value(), PatientErased.class)).isEqualTo(new PatientErased(id));
        List<ConsumerRecord<String, String>> contacts = read(Topics.PATIENT_CONTACTS, id, 3);
        assertThat(contacts.get(2).value()).as("tombstone").isNull();
        awaitOutboxPublished(id);

        Document stored = mongo.findById(id, Document.class, "patients");
        assertThat(stored.getString("status")).isEqualTo("ERASED");
        assertThat(stored.get("erasedAt")).isNotNull();
        assertThat(stored.keySet()).isSubsetOf("_id", "_class", "status", "revision", "updatedAt", "erasedAt",
                "outbox", "outboxPending");
        List<String> personal = List.of(givenName, (String) person.get("familyName"), (String) person.get("email"),
                (String) person.get("phone"), birthDate);
        for (String collection : mongo.getCollectionNames()) {
            for (Document document : mongo.getCollection(collection).find()) {
                String raw = document.toJson();
                for (String value : personal) {
                    assertThat(raw).as(collection).doesNotContainIgnoringCase(value);
                }
            }
        }
    }

    @Test
    void logsEveryReadWithIdsOnlyForTheAuditorAndThePatient() throws Exception {
        PatientFixture person = PatientFixture.someone();
        String id = body(post("/api/patients", RUNNING_SHOE, person.toJson())).get("id").asString();
        String phone = (String) person.get("phone");

        publishBooking("running-shoe", "maya-chen", id);
        awaitPair("maya-chen", id);

        get("/api/patients/" + id, RUNNING_SHOE);
        assertThat(get("/api/patients/" + id + "/contact", DemoPersona.PRACTITIONER_MAYA_CHEN).statusCode())
                .isEqualTo(200);
        assertThat(get("/api/patients?phone=" + URLEncoder.encode(phone, StandardCharsets.UTF_8), RUNNING_SHOE).body())
                .contains(id);
        send("PUT", "/api/patients/" + id + "/consents", patientToken(id),
                Map.of("consents", List.of(Map.of("channel", "SMS", "granted", true, "method", "online form"))));

        HttpResponse<String> audited = get("/api/patients/" + id + "/access-log", DemoPersona.AUDITOR);
        assertThat(audited.statusCode()).as(audited.body()).isEqualTo(200);
        List<String> entries = new ArrayList<>();
        for (JsonNode entry : body(audited)) {
            assertThat(entry.get("patientId").asString()).isEqualTo(id);
            assertThat(entry.get("accessedAt").asString()).isNotBlank();
            entries.add(entry.get("subject").asString() + " " + entry.get("role").asString() + " "
                    + entry.get("purpose").asString());
        }
        assertThat(entries).containsExactly(
                "frontdesk-running-shoe FRONT_DESK GET /api/patients/{id}",
                "practitioner-maya-chen PRACTITIONER GET /api/patients/{id}/contact",
                "frontdesk-running-shoe FRONT_DESK GET /api/patients",
                "test-patient PATIENT PUT /api/patients/{id}/consents");
        HttpResponse<String> own = send("GET", "/api/patients/" + id + "/access-log", patientToken(id), null);
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(body(own)).hasSize(4);
        for (String personal : List.of("Sam", (String) person.get("familyName"), phone, (String) person.get("email"),
                "1990-07-15")) {
            assertThat(audited.body()).doesNotContainIgnoringCase(personal);
            for (Document raw : mongo.getCollection("phi_access_log").find(new Document("patientId", id))) {
                assertThat(raw.toJson()).doesNotContainIgnoringCase(personal);
            }
        }

        assertThat(get("/api/patients/" + id + "/access-log", DemoPersona.PATIENT_ANN_LEE).statusCode()).isEqualTo(404);
        assertThat(get("/api/patients/" + id + "/access-log", RUNNING_SHOE).statusCode()).isEqualTo(403);
        assertThat(get("/api/patients/" + id + "/access-log", DemoPersona.OPERATOR).statusCode()).isEqualTo(403);
        for (String method : List.of("PUT", "POST", "DELETE", "PATCH")) {
            assertThat(send(method, "/api/patients/" + id + "/access-log", issuer.token(DemoPersona.AUDITOR), "[]")
                    .statusCode()).as(method).isEqualTo(405);
        }
        assertThat(body(get("/api/patients/" + id + "/access-log", DemoPersona.AUDITOR))).hasSize(4);
    }
}
