package com.clinicbackbone.patient;

import com.clinicbackbone.messaging.testing.PrometheusScrape;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.clinicbackbone.events.Topics;
import com.clinicbackbone.patient.patient.PatientFixture;
import com.clinicbackbone.security.DemoPersona;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;

/** What operators scrape and follow: Prometheus metrics, dead letters, readiness, traces through the outbox. */
class ObservabilityIntegrationTest extends PatientServiceIntegrationTest {

    static final String DLQ = "clinic.appointments.v1.patient-service.dlq";

    @Autowired
    HealthEndpointGroups healthGroups;

    @Test
    void exportsTheContractSeriesWithoutAToken() throws Exception {
        registerSomeone(DemoPersona.FRONTDESK_RUNNING_SHOE);
        PrometheusScrape scrape = scrape();
        assertThat(scrape.value("clinic_outbox_pending", Map.of("collection", "patients",
                "application", "patient-service"))).isPresent();
        assertThat(scrape.value("clinic_outbox_oldest_age_seconds", Map.of("collection", "patients"))).isPresent();
        assertThat(scrape.samples("http_server_requests_seconds_bucket", Map.of("application", "patient-service",
                "uri", "/api/patients", "method", "POST"))).isNotEmpty();
        await().atMost(ASYNC).untilAsserted(() -> assertThat(scrape().value("spring_cloud_stream_binder_kafka_offset",
                Map.of("group", "patient-service", "topic", Topics.APPOINTMENTS))).isPresent());
        assertThat(send("GET", "/actuator/metrics", null, null).statusCode()).isEqualTo(401);
    }

    @Test
    void countsAnEventThatCannotBeReadAsADeadLetterOfItsTopic() throws Exception {
        double before = scrape().value("clinic_dead_letters_total", Map.of("topic", DLQ)).orElse(0);

        // no envelope headers: MalformedEventException, not retried, straight to the dead-letter topic
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, String>(
                org.springframework.kafka.test.utils.KafkaTestUtils.producerProps(kafka),
                new org.apache.kafka.common.serialization.StringSerializer(),
                new org.apache.kafka.common.serialization.StringSerializer())) {
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(Topics.APPOINTMENTS,
                    "poison-appointment", "{\"not\":\"an event\"}")).get();
        }

        assertThat(read(DLQ, "poison-appointment", 1)).hasSize(1);
        await().atMost(ASYNC).untilAsserted(() -> assertThat(
                scrape().value("clinic_dead_letters_total", Map.of("topic", DLQ)).orElse(0)).isEqualTo(before + 1));
    }

    @Test
    void readinessWaitsForMongoAndKafkaWhileLivenessIsTheApplicationsOwnState() throws Exception {
        assertThat(get("/actuator/health/readiness", null).statusCode()).isEqualTo(200);
        assertThat(healthGroups.get("readiness").isMember("mongo")).isTrue();
        assertThat(healthGroups.get("readiness").isMember("binders")).isTrue();
        assertThat(healthGroups.get("liveness").isMember("mongo")).isFalse();
    }

    @Test
    void theRegistryEventCarriesTheTraceOfTheRequestThatRegisteredThePatient() throws Exception {
        String traceId = "5b8efff798038103d269b633813fc60c";
        PatientFixture someone = PatientFixture.someone().with("clinicId", "running-shoe");
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/patients"))
                .header("Authorization", "Bearer " + issuer.token(DemoPersona.FRONTDESK_RUNNING_SHOE))
                .header("Content-Type", "application/json")
                .header("traceparent", "00-" + traceId + "-eee19b7ec3c1b174-01")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(someone.toJson()))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String patientId = body(created).get("id").asString();

        ConsumerRecord<String, String> registered = read(Topics.PATIENTS, patientId, 1).get(0);

        assertThat(header(registered, "traceparent")).startsWith("00-" + traceId + "-");
    }

    private PrometheusScrape scrape() throws Exception {
        HttpResponse<String> response = get("/actuator/prometheus", null);
        assertThat(response.statusCode()).isEqualTo(200);
        return new PrometheusScrape(response.body()).saved();
    }
}
