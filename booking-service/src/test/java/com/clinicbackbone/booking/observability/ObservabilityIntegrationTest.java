package com.clinicbackbone.booking.observability;

import com.clinicbackbone.messaging.testing.PrometheusScrape;
import static java.time.DayOfWeek.THURSDAY;
import static java.time.DayOfWeek.TUESDAY;
import static java.time.DayOfWeek.WEDNESDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.clinicbackbone.booking.AbstractIntegrationTest;
import com.clinicbackbone.events.AppointmentBooked;
import com.clinicbackbone.events.AppointmentConfirmed;
import com.clinicbackbone.events.AppointmentReplyReceived;
import com.clinicbackbone.events.Envelope;
import com.clinicbackbone.events.Topics;
import com.clinicbackbone.security.DemoPersona;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.kafka.test.utils.KafkaTestUtils;

/** The signals operators scrape and follow: Prometheus metrics, readiness, and traces through the outbox. */
class ObservabilityIntegrationTest extends AbstractIntegrationTest {

    /** Amira Haddad at Running Shoe in week 12: no other test books her that far ahead. */
    static final String CLINIC = "running-shoe";
    static final String SERVICE = "trigger-point-injection";
    static final String AMIRA = "amira-haddad";
    static final int WEEK = 12;

    @Autowired
    HealthEndpointGroups healthGroups;

    @Test
    void countsBookedConflictingAndRejectedBookingsPerClinic() {
        register("obs-patient-1", CLINIC);
        register("obs-patient-2", CLINIC);
        Instant start = at(WEEK, TUESDAY, "09:00");
        PrometheusScrape before = scrape();

        assertThat(book(port, CLINIC, SERVICE, AMIRA, "obs-patient-1", start).status())
                .isEqualTo(201);
        assertThat(book(port, CLINIC, SERVICE, AMIRA, "obs-patient-2", start).status())
                .isEqualTo(409);
        // 05:00 clinic-local is outside Amira Haddad's hours: a rule refusal
        assertThat(book(port, CLINIC, SERVICE, AMIRA, "obs-patient-2",
                at(WEEK, TUESDAY, "05:00")).status()).isEqualTo(422);

        PrometheusScrape after = scrape();
        for (String outcome : new String[] {"booked", "conflict", "rejected"}) {
            Map<String, String> series = Map.of("clinic", CLINIC, "outcome", outcome,
                    "application", "booking-service");
            assertThat(after.value("clinic_bookings_total", series).orElseThrow()
                    - before.value("clinic_bookings_total", series).orElseThrow()).as(outcome).isEqualTo(1);
        }
    }

    @Test
    void exportsTheContractSeriesWithoutAToken() {
        // the seeded clinics' counters exist before any booking; the outbox gauges per collection
        PrometheusScrape scrape = scrape();
        assertThat(scrape.value("clinic_bookings_total", Map.of("clinic", "integrative-pain", "outcome", "conflict")))
                .isPresent();
        assertThat(scrape.value("clinic_outbox_pending", Map.of("collection", "appointments"))).isPresent();
        assertThat(scrape.value("clinic_outbox_pending", Map.of("collection", "courses"))).isPresent();
        assertThat(scrape.value("clinic_outbox_oldest_age_seconds", Map.of("collection", "appointments")))
                .isPresent();
        assertThat(scrape.samples("http_server_requests_seconds_bucket", Map.of("application", "booking-service")))
                .isNotEmpty();
        assertThat(scrape.samples("jvm_memory_used_bytes", Map.of("application", "booking-service"))).isNotEmpty();
        // consumer lag per binding, the Kafka binder's own gauge
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(scrape().value(
                "spring_cloud_stream_binder_kafka_offset",
                Map.of("group", "booking-service", "topic", Topics.PATIENTS))).isPresent());
        // everything else of the actuator stays behind the token
        assertThat(send(port, "GET", "/actuator/metrics", null, null).status()).isEqualTo(401);
    }

    @Test
    void readinessWaitsForMongoAndKafkaWhileLivenessIsTheApplicationsOwnState() {
        assertThat(get("/actuator/health/readiness", null).status()).isEqualTo(200);
        assertThat(get("/actuator/health/liveness", null).status()).isEqualTo(200);
        var readiness = healthGroups.get("readiness");
        assertThat(readiness.isMember("mongo")).isTrue();
        assertThat(readiness.isMember("binders")).isTrue();
        assertThat(readiness.isMember("readinessState")).isTrue();
        assertThat(healthGroups.get("liveness").isMember("mongo")).isFalse();
    }

    @Test
    void anEventCarriesTheTraceOfTheRequestThatBookedIt() {
        register("obs-patient-3", CLINIC);
        String traceId = "0af7651916cd43dd8448eb211c80319c";
        Response booked = send(port, "POST", "/api/appointments", Map.of("clinicId", CLINIC,
                        "serviceId", SERVICE, "practitionerId", AMIRA,
                        "patientId", "obs-patient-3", "start", at(WEEK, WEDNESDAY, "10:00").toString()),
                issuer.token(DemoPersona.FRONTDESK_RUNNING_SHOE),
                Map.of("traceparent", "00-" + traceId + "-b7ad6b7169203331-01"));
        assertThat(booked.status()).as(booked.text()).isEqualTo(201);

        ConsumerRecord<String, String> event = awaitRecord(Topics.APPOINTMENTS, booked.body().get("id").asString(),
                AppointmentBooked.TYPE);

        assertThat(header(event, "traceparent")).startsWith("00-" + traceId + "-");
    }

    @Test
    void aConsumedEventsTraceContinuesIntoTheEventsItCauses() throws Exception {
        register("obs-patient-4", CLINIC);
        Response booked = book(port, CLINIC, SERVICE, AMIRA, "obs-patient-4",
                at(WEEK, THURSDAY, "11:00"));
        assertThat(booked.status()).as(booked.text()).isEqualTo(201);
        String id = booked.body().get("id").asString();
        String traceId = "9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d";

        // the patient's "C" by SMS, as notification-service publishes it, in a trace of its own
        Instant now = Instant.now();
        Envelope envelope = Envelope.of(AppointmentReplyReceived.TYPE, "/notification-service", now,
                "obs-patient-4", CLINIC, now.toEpochMilli());
        var record = new ProducerRecord<>(Topics.NOTIFICATIONS, "obs-patient-4", json.writeValueAsString(
                new AppointmentReplyReceived(id, "obs-patient-4", CLINIC, AppointmentReplyReceived.CONFIRM, now)));
        envelope.headers().forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        record.headers().add("traceparent", ("00-" + traceId + "-1a2b3c4d5e6f7a8b-01").getBytes(StandardCharsets.UTF_8));
        try (var producer = new KafkaProducer<>(KafkaTestUtils.producerProps(kafka), new StringSerializer(),
                new StringSerializer())) {
            producer.send(record).get();
        }

        ConsumerRecord<String, String> confirmed = awaitRecord(Topics.APPOINTMENTS, id, AppointmentConfirmed.TYPE);

        assertThat(header(confirmed, "traceparent")).startsWith("00-" + traceId + "-");
    }

    private PrometheusScrape scrape() {
        Response response = send(port, "GET", "/actuator/prometheus", null, null);
        assertThat(response.status()).isEqualTo(200);
        return new PrometheusScrape(response.text()).saved();
    }
}
