package com.clinicbackbone.patient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.clinicbackbone.events.AppointmentBooked;
import com.clinicbackbone.events.Envelope;
import com.clinicbackbone.events.Topics;
import com.clinicbackbone.messaging.testing.MongoRoundTrips;
import com.clinicbackbone.patient.patient.PatientFixture;
import com.clinicbackbone.security.DemoPersona;
import com.clinicbackbone.security.TestIssuer;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The running service over HTTP, against MongoDB (mongo-java-server, in process), a real Kafka broker (embedded
 * KRaft) and a real OIDC issuer ({@link TestIssuer}). The subclasses share one application context, so one
 * database: tests register people of their own ({@link PatientFixture#someone()}) and read topics by key.
 * The servers live as long as the test JVM (the cached context keeps using them). Every MongoDB command is recorded
 * in {@link #roundTrips} (see {@link HotPathRoundTripsTest}).
 */
@EmbeddedKafka
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.cloud.stream.kafka.binder.brokers=${spring.embedded.kafka.brokers}")
@Import(RoundTripsListener.class)
abstract class PatientServiceIntegrationTest {

    static final MongoRoundTrips roundTrips = new MongoRoundTrips();

    static final MongoServer mongoServer = new MongoServer(new MemoryBackend());
    static final InetSocketAddress mongoAddress = mongoServer.bind();
    static final TestIssuer issuer = TestIssuer.start();
    static final Duration ASYNC = Duration.ofSeconds(30);

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri",
                () -> "mongodb://" + mongoAddress.getHostString() + ":" + mongoAddress.getPort() + "/patients");
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", issuer::uri);
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

    /** Registers a new person at the front desk's clinic and answers its id. */
    String registerSomeone(DemoPersona desk) throws Exception {
        PatientFixture fixture = PatientFixture.someone().with("clinicId", desk.clinicIds().iterator().next());
        HttpResponse<String> created = post("/api/patients", desk, fixture.toJson());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json.readTree(created.body()).get("id").asString();
    }

    void awaitOutboxPublished(String patientId) {
        await().atMost(ASYNC).until(() -> {
            Document stored = mongo.findById(patientId, Document.class, "patients");
            return stored != null && !stored.getBoolean("outboxPending") && !stored.containsKey("outboxRelaying")
                    && stored.getList("outbox", Document.class).isEmpty();
        });
    }

    /**
     * Publishes an appointment event the way booking-service does, with a plain Kafka producer: key = appointment id,
     * the envelope as {@code ce_*} headers.
     */
    void publishAppointmentEvent(String type, String appointmentId, String payloadJson) {
        Envelope envelope = Envelope.of(type, "/booking-service", Instant.now(), appointmentId, null, 1);
        var record = new ProducerRecord<>(Topics.APPOINTMENTS, appointmentId, payloadJson);
        envelope.headers().forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        try (var producer = new KafkaProducer<>(KafkaTestUtils.producerProps(kafka), new StringSerializer(),
                new StringSerializer())) {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not publish " + type, e);
        }
    }

    /** Publishes {@code AppointmentBooked} of a new appointment with the practitioner and patient; answers its id. */
    String publishBooking(String clinicId, String practitionerId, String patientId) {
        String appointmentId = UUID.randomUUID().toString();
        Instant start = Instant.parse("2026-06-01T15:00:00Z");
        publishAppointmentEvent(AppointmentBooked.TYPE, appointmentId, json.writeValueAsString(new AppointmentBooked(
                appointmentId, clinicId, "physio-initial", practitionerId, patientId, start,
                start.plus(Duration.ofHours(1)), "BOOKED")));
        return appointmentId;
    }

    /** Waits until the appointment events gave the practitioner the patient (without reading the record). */
    void awaitPair(String practitionerId, String patientId) {
        await().atMost(ASYNC).until(() -> mongo.getCollection("practitioner_patients").countDocuments(
                new Document("practitionerId", practitionerId).append("patientId", patientId)) == 1);
    }

    /** Reads the topic from the start until {@code count} records with this key arrived; answers them in order. */
    List<ConsumerRecord<String, String>> read(String topic, String key, int count) {
        Map<String, Object> props = KafkaTestUtils.consumerProps(kafka, "reader-" + topic + "-" + key + "-" + count,
                false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        List<ConsumerRecord<String, String>> matching = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            await().atMost(ASYNC).until(() -> {
                consumer.poll(Duration.ofMillis(200)).records(topic).forEach(record -> {
                    if (key.equals(record.key())) {
                        matching.add(record);
                    }
                });
                return matching.size() >= count;
            });
            // anything more that is already there would be a duplicate
            consumer.poll(Duration.ofMillis(300)).records(topic).forEach(record -> {
                if (key.equals(record.key())) {
                    matching.add(record);
                }
            });
        }
        assertThat(matching).hasSize(count);
        return matching;
    }

    static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    JsonNode body(HttpResponse<String> response) {
        return json.readTree(response.body());
    }

    HttpResponse<String> get(String path, DemoPersona persona) throws Exception {
        return send("GET", path, persona == null ? null : issuer.token(persona), null);
    }

    HttpResponse<String> post(String path, DemoPersona persona, Object body) throws Exception {
        return send("POST", path, persona == null ? null : issuer.token(persona), body);
    }

    HttpResponse<String> put(String path, DemoPersona persona, Object body) throws Exception {
        return send("PUT", path, persona == null ? null : issuer.token(persona), body);
    }

    HttpResponse<String> delete(String path, DemoPersona persona) throws Exception {
        return send("DELETE", path, persona == null ? null : issuer.token(persona), null);
    }

    HttpResponse<String> send(String method, String path, String token, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json").method(method,
                    HttpRequest.BodyPublishers.ofString(body instanceof String text ? text
                            : json.writeValueAsString(body)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
