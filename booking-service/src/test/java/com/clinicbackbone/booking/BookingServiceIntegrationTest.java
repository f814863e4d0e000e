package com.clinicbackbone.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.clinicbackbone.events.AppointmentBooked;
import com.clinicbackbone.events.AppointmentCancelled;
import com.clinicbackbone.events.Topics;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The service against a real Kafka broker (embedded, KRaft) and the MongoDB-wire server. */
@EmbeddedKafka(partitions = 3, topics = Topics.APPOINTMENTS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.cloud.stream.kafka.binder.brokers=${spring.embedded.kafka.brokers}")
class BookingServiceIntegrationTest {

    static final MongoServer mongoServer = new MongoServer(new MemoryBackend());
    static final InetSocketAddress mongoAddress = mongoServer.bind();
    static final String MONGO_URI =
            "mongodb://" + mongoAddress.getHostString() + ":" + mongoAddress.getPort() + "/booking";
    /** A day well ahead; each test books its own hours so that tests sharing the database do not collide. */
    static final Instant DAY = Instant.now().plus(10, ChronoUnit.DAYS).truncatedTo(ChronoUnit.DAYS);

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", () -> MONGO_URI);
    }

    @AfterAll
    static void stopMongo() {
        mongoServer.shutdownNow();
    }

    @LocalServerPort
    int port;
    @Autowired
    EmbeddedKafkaBroker kafka;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    JsonMapper json;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void booksAndPublishesAppointmentBooked() {
        Instant start = DAY.plus(Duration.ofHours(15));

        Response booked = book(port, "running-shoe", "physio-assessment", "maya-chen", "patient-1", start);

        assertThat(booked.status()).as(booked.text()).isEqualTo(201);
        String id = booked.body().get("id").asText();
        assertThat(booked.location()).endsWith("/api/appointments/" + id);
        assertThat(booked.body().get("start").asText()).isEqualTo(start.toString());
        assertThat(booked.body().get("end").asText()).isEqualTo(start.plus(Duration.ofMinutes(60)).toString());
        assertThat(booked.body().get("status").asText()).isEqualTo("BOOKED");
        assertThat(booked.body().get("revision").asLong()).isEqualTo(1);
        assertThat(booked.body().has("createdAt")).isTrue();
        assertThat(get("/api/appointments/" + id).body()).isEqualTo(booked.body());

        ConsumerRecord<String, String> event = awaitEvent(id, AppointmentBooked.TYPE);
        assertThat(header(event, "ce_id")).isNotBlank();
        assertThat(header(event, "ce_source")).isEqualTo("/booking-service");
        assertThat(header(event, "ce_subject")).isEqualTo(id);
        assertThat(header(event, "ce_clinicid")).isEqualTo("running-shoe");
        assertThat(header(event, "ce_revision")).isEqualTo("1");
        assertThat(header(event, "ce_time")).isNotBlank();
        assertThat(event.value()).contains("\"start\":\"" + start + "\"");
        AppointmentBooked payload = json.readValue(event.value(), AppointmentBooked.class);
        assertThat(payload).isEqualTo(new AppointmentBooked(id, "running-shoe", "physio-assessment", "maya-chen",
                "patient-1", start, start.plus(Duration.ofMinutes(60)), "BOOKED"));
        await().atMost(Duration.ofSeconds(10)).until(() -> !mongo.findById(id, Document.class, "appointments")
                .getBoolean("outboxPending"));
    }

    @Test
    void rejectsOverlappingBookingAtAnotherClinic() {
        Instant start = DAY.plus(Duration.ofHours(17));
        assertThat(book(port, "running-shoe", "physio-follow-up", "maya-chen", "patient-2", start).status())
                .isEqualTo(201);

        Response overlapping = book(port, "calgary-concussion", "concussion-follow-up", "maya-chen", "patient-3",
                start.plus(Duration.ofMinutes(15)));

        assertThat(overlapping.status()).isEqualTo(409);
        assertThat(overlapping.contentType()).isEqualTo("application/problem+json");
        assertThat(overlapping.text()).doesNotContain("patient-2").doesNotContain("running-shoe");
        assertThat(mongo.count(query(where("practitionerId").is("maya-chen").and("start")
                .gte(start).lt(start.plus(Duration.ofHours(1)))), "appointments")).isEqualTo(1);
    }

    @Test
    void acceptsAdjacentAppointmentsAtTwoClinics() {
        Instant start = DAY.plus(Duration.ofHours(19));

        Response first = book(port, "running-shoe", "physio-follow-up", "maya-chen", "patient-4", start);
        Response next = book(port, "calgary-concussion", "concussion-follow-up", "maya-chen", "patient-5",
                start.plus(Duration.ofMinutes(30)));
        Response before = book(port, "calgary-concussion", "physio-follow-up", "maya-chen", "patient-6",
                start.minus(Duration.ofMinutes(30)));

        assertThat(List.of(first.status(), next.status(), before.status())).containsOnly(201);
    }

    @Test
    void cancelPublishesAppointmentCancelledAndFreesTheTime() {
        Instant start = DAY.plus(Duration.ofHours(21));
        String id = book(port, "integrative-pain", "prolotherapy", "liam-okafor", "patient-7", start)
                .body().get("id").asText();

        Response cancelled = post("/api/appointments/" + id + "/cancel",
                Map.of("reason", "Patient called: flare-up"));

        assertThat(cancelled.status()).as(cancelled.text()).isEqualTo(200);
        assertThat(cancelled.body().get("status").asText()).isEqualTo("CANCELLED");
        assertThat(cancelled.body().get("revision").asLong()).isEqualTo(2);
        assertThat(cancelled.body().get("cancellationReason").asText()).isEqualTo("Patient called: flare-up");
        assertThat(cancelled.body().has("cancelledAt")).isTrue();

        ConsumerRecord<String, String> event = awaitEvent(id, AppointmentCancelled.TYPE);
        assertThat(header(event, "ce_revision")).isEqualTo("2");
        assertThat(event.value()).doesNotContain("flare-up");
        assertThat(json.readValue(event.value(), AppointmentCancelled.class).status()).isEqualTo("CANCELLED");

        Response again = post("/api/appointments/" + id + "/cancel", Map.of());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body().get("detail").asText()).contains("already cancelled");

        assertThat(book(port, "running-shoe", "prolotherapy", "liam-okafor", "patient-8", start).status())
                .isEqualTo(201);
    }

    @Test
    void acceptsExactlyOneOfTwentyConcurrentRequestsForTheSameTimeAcrossTwoInstances() throws Exception {
        Instant start = DAY.plus(Duration.ofDays(1)).plus(Duration.ofHours(16));
        try (ConfigurableApplicationContext second = new SpringApplicationBuilder(BookingServiceApplication.class)
                .run("--server.port=0", "--spring.mongodb.uri=" + MONGO_URI,
                        "--spring.cloud.stream.kafka.binder.brokers=" + kafka.getBrokersAsString())) {
            int secondPort = Integer.parseInt(second.getEnvironment().getProperty("local.server.port"));
            ExecutorService pool = Executors.newFixedThreadPool(20);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                int target = i % 2 == 0 ? port : secondPort;
                String clinic = i % 3 == 0 ? "calgary-concussion" : "running-shoe";
                String patient = "patient-race-" + i;
                answers.add(pool.submit(() -> {
                    go.await();
                    return book(target, clinic, "physio-follow-up", "maya-chen", patient, start).status();
                }));
            }
            go.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            pool.shutdown();

            assertThat(statuses).filteredOn(status -> status == 201).hasSize(1);
            assertThat(statuses).filteredOn(status -> status == 409).hasSize(19);
            assertThat(mongo.count(query(where("practitionerId").is("maya-chen").and("start").is(start)),
                    "appointments")).isEqualTo(1);
            assertThat(mongo.count(query(where("practitionerId").is("maya-chen").and("bucket")
                    .gte(start).lt(start.plus(Duration.ofHours(1)))), "calendar_claims")).isEqualTo(6);
        }
    }

    @Test
    void answersNotFoundForAnUnknownAppointment() {
        Response response = get("/api/appointments/no-such-appointment");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(post("/api/appointments/no-such-appointment/cancel", Map.of()).status()).isEqualTo(404);
    }

    @Test
    void rejectsAServiceTheClinicDoesNotOfferWith422() {
        Response response = book(port, "calgary-concussion", "prolotherapy", "maya-chen", "patient-9",
                DAY.plus(Duration.ofHours(23)));

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.body().get("errors").get(0).get("field").asText()).isEqualTo("serviceId");
    }

    @Test
    void listsTheSeededClinicsServicesAndPractitioners() {
        JsonNode clinics = get("/api/clinics").body();
        assertThat(clinics.isArray()).isTrue();
        assertThat(clinics.findValuesAsString("id"))
                .containsExactlyInAnyOrder("running-shoe", "calgary-concussion", "integrative-pain");
        assertThat(clinics.get(0).get("timeZone").asText()).isEqualTo("America/Edmonton");

        JsonNode services = get("/api/clinics/calgary-concussion/services").body();
        assertThat(services.findValuesAsString("id"))
                .containsExactlyInAnyOrder("concussion-baseline", "concussion-follow-up", "physio-follow-up");
        assertThat(services.get(0).has("durationMinutes")).isTrue();

        JsonNode practitioners = get("/api/clinics/running-shoe/practitioners").body();
        assertThat(practitioners.findValuesAsString("id"))
                .containsExactlyInAnyOrder("maya-chen", "liam-okafor", "sofia-ramirez");

        assertThat(get("/api/clinics/nowhere/services").status()).isEqualTo(404);
        assertThat(get("/api/clinics/nowhere/practitioners").status()).isEqualTo(404);
    }

    @Test
    void reportsHealthUp() {
        Response health = get("/actuator/health");

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body().get("status").asText()).isEqualTo("UP");
    }

    // --- helpers

    record Response(int status, String text, String contentType, String location, JsonNode body) {
    }

    Response book(int port, String clinicId, String serviceId, String practitionerId, String patientId,
                  Instant start) {
        return send(port, "/api/appointments", Map.of("clinicId", clinicId, "serviceId", serviceId,
                "practitionerId", practitionerId, "patientId", patientId, "start", start.toString()));
    }

    Response post(String path, Object body) {
        return send(port, path, body);
    }

    Response get(String path) {
        return exchange(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build());
    }

    Response send(int port, String path, Object body) {
        return exchange(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build());
    }

    Response exchange(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            String text = response.body();
            return new Response(response.statusCode(), text,
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("Location").orElse(""),
                    text.isEmpty() ? null : json.readTree(text));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads the topic from the beginning until the event of the given type for the appointment shows up. */
    ConsumerRecord<String, String> awaitEvent(String appointmentId, String type) {
        Map<String, Object> props = KafkaTestUtils.consumerProps(kafka, "booking-test", false);
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.APPOINTMENTS).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<ConsumerRecord<String, String>> found = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (appointmentId.equals(record.key()) && type.equals(header(record, "ce_type"))) {
                        found.add(record);
                    }
                });
                return !found.isEmpty();
            });
            return found.get(0);
        }
    }

    static String header(ConsumerRecord<?, ?> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
