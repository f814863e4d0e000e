package com.clinicbackbone.patient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.clinicbackbone.events.EventHeaders;
import com.clinicbackbone.events.PatientContactRecord;
import com.clinicbackbone.events.PatientRegistered;
import com.clinicbackbone.events.Topics;
import com.clinicbackbone.patient.patient.PatientFixture;
import com.clinicbackbone.security.DemoPersona;
import com.clinicbackbone.security.TestIssuer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Registers patients over HTTP with a front desk's token and publishes what they became. */
class PatientRegistrationIntegrationTest extends PatientServiceIntegrationTest {

    static final DemoPersona DESK = DemoPersona.FRONTDESK_RUNNING_SHOE;

    @Test
    void publishesTheRegistryEventAndTheContactRecordKeyedByPatientId() throws Exception {
        PatientFixture someone = PatientFixture.someone();
        String email = (String) someone.get("email");
        String phone = (String) someone.get("phone");
        String familyName = (String) someone.get("familyName");
        HttpResponse<String> created = post("/api/patients", DESK, someone.with("email", email.toUpperCase()).toJson());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String patientId = body(created).get("id").asString();
        assertThat(body(created).get("linkedExisting").asBoolean()).isFalse();
        assertThat(created.headers().firstValue("Location")).hasValue("/api/patients/" + patientId);
        awaitOutboxPublished(patientId);

        ConsumerRecord<String, String> registered = read(Topics.PATIENTS, patientId, 1).get(0);
        assertThat(registered.key()).isEqualTo(patientId);
        assertThat(header(registered, EventHeaders.TYPE)).isEqualTo(PatientRegistered.TYPE);
        assertThat(header(registered, EventHeaders.SUBJECT)).isEqualTo(patientId);
        assertThat(header(registered, EventHeaders.REVISION)).isEqualTo("1");
        assertThat(header(registered, EventHeaders.CLINIC_ID)).isEqualTo("running-shoe");
        assertThat(header(registered, EventHeaders.SOURCE)).isEqualTo("/patient-service");
        assertThat(json.readValue(registered.value(), PatientRegistered.class))
                .isEqualTo(new PatientRegistered(patientId, "running-shoe"));
        String everythingOnTheRegistryTopic = registered.value() + allHeaders(registered);
        for (String phi : List.of("Sam", familyName, "1990-07-15", email, phone)) {
            assertThat(everythingOnTheRegistryTopic).doesNotContainIgnoringCase(phi);
        }

        ConsumerRecord<String, String> contact = read(Topics.PATIENT_CONTACTS, patientId, 1).get(0);
        assertThat(contact.key()).isEqualTo(patientId);
        assertThat(header(contact, EventHeaders.TYPE)).isEqualTo(PatientContactRecord.TYPE);
        assertThat(header(contact, EventHeaders.SUBJECT)).isEqualTo(patientId);
        assertThat(header(contact, EventHeaders.REVISION)).isEqualTo("1");
        assertThat(header(contact, EventHeaders.CLINIC_ID)).isEqualTo("running-shoe");
        assertThat(header(contact, EventHeaders.ID)).isNotEqualTo(header(registered, EventHeaders.ID));
        assertThat(json.readValue(contact.value(), PatientContactRecord.class)).isEqualTo(new PatientContactRecord(
                patientId, "Sam", email, phone, "en", List.of("EMAIL", "SMS"), List.of("EMAIL", "SMS")));
    }

    @Test
    void declaresTheContactDirectoryTopicCompacted() throws Exception {
        awaitOutboxPublished(registerSomeone(DESK));

        try (AdminClient admin = AdminClient.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.getBrokersAsString()))) {
            var contacts = new ConfigResource(ConfigResource.Type.TOPIC, Topics.PATIENT_CONTACTS);
            var registry = new ConfigResource(ConfigResource.Type.TOPIC, Topics.PATIENTS);
            Map<ConfigResource, Config> configs = admin.describeConfigs(List.of(contacts, registry)).all().get();
            assertThat(configs.get(contacts).get("cleanup.policy").value()).isEqualTo("compact");
            assertThat(configs.get(registry).get("cleanup.policy").value()).isEqualTo("delete");
            assertThat(admin.describeTopics(List.of(Topics.PATIENT_CONTACTS)).allTopicNames().get()
                    .get(Topics.PATIENT_CONTACTS).partitions()).hasSize(3);
        }
    }

    @Test
    void readsBackARegisteredPatient() throws Exception {
        DemoPersona desk = DemoPersona.FRONTDESK_INTEGRATIVE_PAIN;
        HttpResponse<String> created = post("/api/patients", desk, PatientFixture.someone().without("phone")
                .with("channels", List.of("EMAIL")).with("clinicId", "integrative-pain").toJson());
        ObjectNode patient = (ObjectNode) body(created);

        HttpResponse<String> read = get("/api/patients/" + patient.get("id").asString(), desk);

        assertThat(read.statusCode()).isEqualTo(200);
        patient.remove("linkedExisting");
        assertThat(body(read)).isEqualTo(patient);
        assertThat(patient.get("clinicIds").get(0).asString()).isEqualTo("integrative-pain");
        assertThat(patient.get("phone").isNull()).isTrue();
        assertThat(patient.get("consents").isArray()).isTrue();
    }

    @Test
    void answersNotFoundProblemForAnUnknownId() throws Exception {
        HttpResponse<String> read = get("/api/patients/00000000-0000-0000-0000-000000000000", DESK);

        assertThat(read.statusCode()).isEqualTo(404);
        assertThat(read.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void storesNothingForARejectedRegistration() throws Exception {
        long before = mongo.getCollection("patients").countDocuments();

        HttpResponse<String> rejected = post("/api/patients", DESK, PatientFixture.someone()
                .with("clinicId", "elsewhere").toJson());

        assertThat(rejected.statusCode()).isEqualTo(400);
        assertThat(body(rejected).get("errors").get(0).get("field").asString()).isEqualTo("clinicId");
        assertThat(mongo.getCollection("patients").countDocuments()).isEqualTo(before);
    }

    @Test
    void refusesMissingExpiredForeignAndWrongAudienceTokensWith401AndStoresNothing() throws Exception {
        long before = mongo.getCollection("patients").countDocuments();
        Map<String, Object> registration = PatientFixture.someone().toJson();

        try (TestIssuer stranger = TestIssuer.start()) {
            for (String token : new String[] {null, "not.a.jwt", issuer.expiredToken(DESK),
                    issuer.tokenForAudience(DESK, "another-api"), issuer.forgedToken(DESK), stranger.token(DESK)}) {
                HttpResponse<String> refused = send("POST", "/api/patients", token, registration);
                assertThat(refused.statusCode()).as(String.valueOf(token)).isEqualTo(401);
                assertThat(refused.headers().firstValue("Content-Type").orElseThrow())
                        .startsWith("application/problem+json");
            }
        }
        assertThat(mongo.getCollection("patients").countDocuments()).isEqualTo(before);
    }

    @Test
    void reportsHealthUpWithMongoAndKafkaReachableWithoutAToken() {
        await().atMost(ASYNC).untilAsserted(() -> {
            HttpResponse<String> health = get("/actuator/health", null);
            assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
            JsonNode status = body(health).get("status");
            assertThat(status.asString()).isEqualTo("UP");
        });
    }

    private static String allHeaders(ConsumerRecord<String, String> record) {
        Set<String> names = StreamSupport.stream(record.headers().spliterator(), false)
                .map(h -> h.key() + "=" + new String(h.value(), StandardCharsets.UTF_8))
                .collect(Collectors.toSet());
        return String.join(";", names);
    }
}
