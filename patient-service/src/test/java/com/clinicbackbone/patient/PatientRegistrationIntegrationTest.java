package com.clinicbackbone.patient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.clinicbackbone.events.EventHeaders;
import com.clinicbackbone.events.PatientContactRecord;
import com.clinicbackbone.events.PatientRegistered;
import com.clinicbackbone.events.Topics;
import com.clinicbackbone.patient.patient.PatientFixture;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Registers a patient over HTTP against MongoDB (mongo-java-server) and a real Kafka broker (embedded KRaft). */
@EmbeddedKafka
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.cloud.stream.kafka.binder.brokers=${spring.embedded.kafka.brokers}")
class PatientRegistrationIntegrationTest {

    static final MongoServer mongoServer = new MongoServer(new MemoryBackend());
    static final InetSocketAddress mongoAddress = mongoServer.bind();
    static final Duration ASYNC = Duration.ofSeconds(30);

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri",
                () -> "mongodb://" + mongoAddress.getHostString() + ":" + mongoAddress.getPort() + "/patients");
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
    void publishesTheRegistryEventAndTheContactRecordKeyedByPatientId() throws Exception {
        HttpResponse<String> created = post("/api/patients", PatientFixture.ann().with("email", "Ann.Lee@Example.org"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String patientId = json.readTree(created.body()).get("id").asString();
        assertThat(created.headers().firstValue("Location")).hasValue("/api/patients/" + patientId);
        awaitOutboxPublished(patientId);

        ConsumerRecord<String, String> registered = readOne(Topics.PATIENTS, patientId);
        assertThat(registered.key()).isEqualTo(patientId);
        assertThat(header(registered, EventHeaders.TYPE)).isEqualTo(PatientRegistered.TYPE);
        assertThat(header(registered, EventHeaders.SUBJECT)).isEqualTo(patientId);
        assertThat(header(registered, EventHeaders.REVISION)).isEqualTo("1");
        assertThat(header(registered, EventHeaders.CLINIC_ID)).isEqualTo("running-shoe");
        assertThat(header(registered, EventHeaders.SOURCE)).isEqualTo("/patient-service");
        assertThat(json.readValue(registered.value(), PatientRegistered.class))
                .isEqualTo(new PatientRegistered(patientId, "running-shoe"));
        String everythingOnTheRegistryTopic = registered.value() + allHeaders(registered);
        for (String phi : List.of("Ann", "Lee", "1984-03-02", "ann.lee@example.org", "+14035550123")) {
            assertThat(everythingOnTheRegistryTopic).doesNotContainIgnoringCase(phi);
        }

        ConsumerRecord<String, String> contact = readOne(Topics.PATIENT_CONTACTS, patientId);
        assertThat(contact.key()).isEqualTo(patientId);
        assertThat(header(contact, EventHeaders.TYPE)).isEqualTo(PatientContactRecord.TYPE);
        assertThat(header(contact, EventHeaders.SUBJECT)).isEqualTo(patientId);
        assertThat(header(contact, EventHeaders.REVISION)).isEqualTo("1");
        assertThat(header(contact, EventHeaders.CLINIC_ID)).isEqualTo("running-shoe");
        assertThat(header(contact, EventHeaders.ID)).isNotEqualTo(header(registered, EventHeaders.ID));
        assertThat(json.readValue(contact.value(), PatientContactRecord.class)).isEqualTo(new PatientContactRecord(
                patientId, "Ann", "ann.lee@example.org", "+14035550123", "en", List.of("EMAIL", "SMS")));
    }

    @Test
    void declaresTheContactDirectoryTopicCompacted() throws Exception {
        HttpResponse<String> created = post("/api/patients", PatientFixture.ann());
        awaitOutboxPublished(json.readTree(created.body()).get("id").asString());

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
        HttpResponse<String> created = post("/api/patients", PatientFixture.ann().without("phone")
                .with("channels", List.of("EMAIL")).with("clinicId", "integrative-pain"));
        JsonNode patient = json.readTree(created.body());

        HttpResponse<String> read = get("/api/patients/" + patient.get("id").asString());

        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(json.readTree(read.body())).isEqualTo(patient);
        assertThat(patient.get("clinicIds").get(0).asString()).isEqualTo("integrative-pain");
        assertThat(patient.get("phone").isNull()).isTrue();
    }

    @Test
    void answersNotFoundProblemForAnUnknownId() throws Exception {
        HttpResponse<String> read = get("/api/patients/00000000-0000-0000-0000-000000000000");

        assertThat(read.statusCode()).isEqualTo(404);
        assertThat(read.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void storesNothingForARejectedRegistration() throws Exception {
        long before = mongo.getCollection("patients").countDocuments();

        HttpResponse<String> rejected = post("/api/patients", PatientFixture.ann().with("clinicId", "elsewhere"));

        assertThat(rejected.statusCode()).isEqualTo(400);
        assertThat(json.readTree(rejected.body()).get("errors").get(0).get("field").asString()).isEqualTo("clinicId");
        assertThat(mongo.getCollection("patients").countDocuments()).isEqualTo(before);
    }

    @Test
    void reportsHealthUpWithMongoAndKafkaReachable() {
        await().atMost(ASYNC).untilAsserted(() -> {
            HttpResponse<String> health = get("/actuator/health");
            assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
            assertThat(json.readTree(health.body()).get("status").asString()).isEqualTo("UP");
        });
    }

    private void awaitOutboxPublished(String patientId) {
        await().atMost(ASYNC).until(() -> {
            Document stored = mongo.findById(patientId, Document.class, "patients");
            return stored != null && !stored.getBoolean("outboxPending") && stored.getList("outbox", Document.class)
                    .isEmpty();
        });
    }

    /** Reads the topic from the start with a plain consumer, subscribed only once the topic exists. */
    private ConsumerRecord<String, String> readOne(String topic, String key) {
        Map<String, Object> props = KafkaTestUtils.consumerProps(kafka, "reader-" + topic + "-" + key, false);
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
                return !matching.isEmpty();
            });
        }
        assertThat(matching).hasSize(1);
        return matching.get(0);
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String allHeaders(ConsumerRecord<String, String> record) {
        Set<String> names = StreamSupport.stream(record.headers().spliterator(), false)
                .map(h -> h.key() + "=" + new String(h.value(), StandardCharsets.UTF_8))
                .collect(Collectors.toSet());
        return String.join(";", names);
    }

    private HttpResponse<String> post(String path, PatientFixture body) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body.toJson()))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
