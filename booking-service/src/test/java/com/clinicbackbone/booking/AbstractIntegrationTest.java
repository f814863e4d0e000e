package com.clinicbackbone.booking;

import static org.awaitility.Awaitility.await;

import com.clinicbackbone.booking.schedule.DayHours;
import com.clinicbackbone.booking.schedule.DemoSchedule;
import com.clinicbackbone.booking.schedule.TimeRange;
import com.clinicbackbone.booking.schedule.WeeklyHours;
import com.clinicbackbone.events.Envelope;
import com.clinicbackbone.events.PatientLinkedToClinic;
import com.clinicbackbone.events.PatientRegistered;
import com.clinicbackbone.events.Topics;
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
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
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

/**
 * The service against a real Kafka broker (embedded, KRaft) and the MongoDB-wire server; every integration test
 * class extends this one, so they share one application context, broker and database (each test uses its own
 * patients and hours). Patients are registered the way patient-service does it: events on
 * {@code clinic.patients.v1} with the envelope as {@code ce_*} headers, published with a plain Kafka producer.
 * Requests carry bearer tokens of the demo personas from an in-process OpenID Connect issuer.
 */
@EmbeddedKafka(partitions = 3, topics = {Topics.APPOINTMENTS, Topics.PATIENTS, Topics.COURSES})
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.cloud.stream.kafka.binder.brokers=${spring.embedded.kafka.brokers}",
                // the waitlist's offers at the Concussion Centre expire within seconds (WaitlistIntegrationTest)
                "booking.waitlist.offer-windows.calgary-concussion=" + AbstractIntegrationTest.SHORT_OFFER_WINDOW,
                "booking.waitlist.sweep-interval=200ms"})
public abstract class AbstractIntegrationTest {

    /** How long a waitlist offer holds freed time at calgary-concussion in these tests (15 min elsewhere). */
    static final String SHORT_OFFER_WINDOW = "6s";
    /** Lives as long as the test JVM, like the cached application context that uses it. */
    static final MongoServer mongoServer = new MongoServer(new MemoryBackend());
    static final InetSocketAddress mongoAddress = mongoServer.bind();
    static final String MONGO_URI =
            "mongodb://" + mongoAddress.getHostString() + ":" + mongoAddress.getPort() + "/booking";
    /**
     * A UTC midnight ten days ahead, any weekday. Starts at arbitrary hours of it mostly lie outside the
     * practitioners' hours now: book at {@link #at(int, DayOfWeek, String)} instead.
     */
    static final Instant DAY = Instant.now().plus(10, java.time.temporal.ChronoUnit.DAYS)
            .truncatedTo(java.time.temporal.ChronoUnit.DAYS);
    /** The demo clinics' zone. */
    protected static final ZoneId EDMONTON = ZoneId.of("America/Edmonton");
    /**
     * The Monday of the first week at least 3 days ahead (clinic-local). Bookings must lie in the practitioners'
     * hours, so tests book at clinic-local times of a weekday of "week N" ({@link #day}); each test class has its own
     * weeks, each test its own hours, so that tests sharing the database do not collide. Weeks 0-10 stay inside the
     * 90-day booking horizon of the online services.
     */
    protected static final LocalDate FIRST_MONDAY = LocalDate.now(EDMONTON).plusDays(3)
            .with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
    /** The sign-in of every test class; lives as long as the test JVM too. */
    protected static final TestIssuer issuer = TestIssuer.start();
    /** The revision patient-service would have given each test patient's last event. */
    static final Map<String, AtomicLong> patientRevisions = new ConcurrentHashMap<>();

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", () -> MONGO_URI);
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", issuer::uri);
    }

    @LocalServerPort
    protected int port;
    @Autowired
    protected EmbeddedKafkaBroker kafka;
    @Autowired
    protected MongoTemplate mongo;
    @Autowired
    protected JsonMapper json;

    protected final HttpClient http = HttpClient.newHttpClient();
    private KafkaProducer<String, String> producer;

    @AfterEach
    void closeProducer() {
        if (producer != null) {
            producer.close();
        }
    }

    // --- times in hours

    /** The weekday of the week {@code week} weeks after {@link #FIRST_MONDAY}. */
    protected static LocalDate day(int week, DayOfWeek weekday) {
        return FIRST_MONDAY.plusWeeks(week).with(weekday);
    }

    /** The instant of the clinic-local date and time ({@code HH:mm}). */
    protected static Instant at(LocalDate date, String localTime) {
        return date.atTime(LocalTime.parse(localTime)).atZone(EDMONTON).toInstant();
    }

    /** The instant at the clinic-local time on the weekday of week {@code week}. */
    protected static Instant at(int week, DayOfWeek weekday, String localTime) {
        return at(day(week, weekday), localTime);
    }

    /**
     * The starts, {@code stepMinutes} apart, that fit whole into the practitioner's demo hours at the clinic (breaks
     * left out), from the date on, in order; endless.
     */
    protected static Iterator<Instant> inHours(String practitionerId, String clinicId, LocalDate from,
                                               int stepMinutes) {
        WeeklyHours hours = DemoSchedule.HOURS.stream().filter(it -> it.practitionerId().equals(practitionerId)
                && it.clinicId().equals(clinicId)).findFirst().orElseThrow();
        return new Iterator<>() {
            LocalDate date = from;
            final Deque<Instant> pending = new ArrayDeque<>();

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Instant next() {
                while (pending.isEmpty()) {
                    for (DayHours block : hours.on(date.getDayOfWeek())) {
                        for (TimeRange range : block.workingRanges()) {
                            for (LocalTime t = range.start(); !t.plusMinutes(stepMinutes).isAfter(range.end())
                                    && !t.plusMinutes(stepMinutes).equals(LocalTime.MIDNIGHT);
                                 t = t.plusMinutes(stepMinutes)) {
                                pending.add(date.atTime(t).atZone(EDMONTON).toInstant());
                            }
                        }
                    }
                    date = date.plusDays(1);
                }
                return pending.poll();
            }
        };
    }

    /** Gives the practitioner extra hours at the clinic over the clinic-local range (through the API). */
    protected void extraHours(String practitionerId, String clinicId, LocalDateTime from, LocalDateTime to) {
        Response added = send(port, "POST", "/api/practitioners/" + practitionerId + "/exceptions",
                Map.of("kind", "EXTRA_HOURS", "clinicId", clinicId, "start", from.toString(), "end", to.toString()),
                issuer.token(frontDesk(clinicId)));
        if (added.status() != 201) {
            throw new IllegalStateException("extra hours not added: " + added.text());
        }
    }

    // --- patient events

    /** Publishes a patient event with its envelope headers (source {@code /patient-service}); returns the envelope. */
    protected Envelope publishPatientEvent(String type, String key, long revision, String payloadJson) {
        Envelope envelope = Envelope.of(type, "/patient-service", Instant.now(), key, null, revision);
        var record = new ProducerRecord<String, String>(Topics.PATIENTS, key, payloadJson);
        envelope.headers().forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        try {
            producer().send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not publish " + type, e);
        }
        return envelope;
    }

    protected Envelope publishPatientEvent(String type, String key, long revision, Object payload) {
        return publishPatientEvent(type, key, revision, json.writeValueAsString(payload));
    }

    /** The next revision of the test patient (1 for its first event). */
    protected static long nextRevision(String patientId) {
        return patientRevisions.computeIfAbsent(patientId, id -> new AtomicLong()).incrementAndGet();
    }

    /** Registers the patient at the first clinic and links it to the others, without waiting for the projection. */
    protected void publishRegistration(String patientId, String... clinicIds) {
        publishPatientEvent(PatientRegistered.TYPE, patientId, nextRevision(patientId),
                new PatientRegistered(patientId, clinicIds[0]));
        for (int i = 1; i < clinicIds.length; i++) {
            publishPatientEvent(PatientLinkedToClinic.TYPE, patientId, nextRevision(patientId),
                    new PatientLinkedToClinic(patientId, clinicIds[i]));
        }
    }

    /** Registers the patient at the clinics and waits until the registry projection has all of it. */
    protected void register(String patientId, String... clinicIds) {
        publishRegistration(patientId, clinicIds);
        awaitPatientRevision(patientId, patientRevisions.get(patientId).get());
    }

    /** Waits until the projection holds the patient at (at least) the revision; returns the stored document. */
    protected Document awaitPatientRevision(String patientId, long revision) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Document stored = mongo.findById(patientId, Document.class, "patient_registry");
            return stored != null && stored.get("revision", Number.class).longValue() >= revision;
        });
        return mongo.findById(patientId, Document.class, "patient_registry");
    }

    private KafkaProducer<String, String> producer() {
        if (producer == null) {
            Map<String, Object> props = KafkaTestUtils.producerProps(kafka);
            producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
        }
        return producer;
    }

    // --- reading topics

    /** Reads the topic from the beginning until a record with the key (and type, when given) shows up. */
    protected ConsumerRecord<String, String> awaitRecord(String topic, String key, String type) {
        Map<String, Object> props = KafkaTestUtils.consumerProps(kafka, "booking-test", false);
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            List<ConsumerRecord<String, String>> found = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                if (consumer.assignment().isEmpty()) {
                    List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                            .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
                    if (partitions.isEmpty()) {
                        return false;
                    }
                    consumer.assign(partitions);
                    consumer.seekToBeginning(partitions);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (key.equals(record.key()) && (type == null || type.equals(header(record, "ce_type")))) {
                        found.add(record);
                    }
                });
                return !found.isEmpty();
            });
            return found.get(0);
        }
    }

    protected static String header(ConsumerRecord<?, ?> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    // --- HTTP

    public record Response(int status, String text, String contentType, String location, JsonNode body,
                           java.net.http.HttpHeaders headers) {

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    /** The front desk persona of the clinic. */
    protected static DemoPersona frontDesk(String clinicId) {
        return switch (clinicId) {
            case "running-shoe" -> DemoPersona.FRONTDESK_RUNNING_SHOE;
            case "calgary-concussion" -> DemoPersona.FRONTDESK_CALGARY_CONCUSSION;
            case "integrative-pain" -> DemoPersona.FRONTDESK_INTEGRATIVE_PAIN;
            default -> throw new IllegalArgumentException(clinicId);
        };
    }

    /** Books as the clinic's front desk. */
    protected Response book(int port, String clinicId, String serviceId, String practitionerId, String patientId,
                            Instant start) {
        return book(port, clinicId, serviceId, practitionerId, patientId, start, issuer.token(frontDesk(clinicId)));
    }

    protected Response book(int port, String clinicId, String serviceId, String practitionerId, String patientId,
                            Instant start, String token) {
        return send(port, "POST", "/api/appointments", Map.of("clinicId", clinicId, "serviceId", serviceId,
                "practitionerId", practitionerId, "patientId", patientId, "start", start.toString()), token);
    }

    protected Response post(String path, Object body, DemoPersona persona) {
        return send(port, "POST", path, body, issuer.token(persona));
    }

    protected Response get(String path, DemoPersona persona) {
        return send(port, "GET", path, null, persona == null ? null : issuer.token(persona));
    }

    /** A request with the JSON body (none when null) and the bearer token (none when null). */
    protected Response send(int port, String method, String path, Object body, String token) {
        return send(port, method, path, body, token, Map.of());
    }

    /** A request with the JSON body (none when null), the bearer token (none when null) and more headers. */
    protected Response send(int port, String method, String path, Object body, String token,
                            Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        return exchange(request.build());
    }

    protected Response exchange(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            String text = response.body();
            return new Response(response.statusCode(), text,
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("Location").orElse(""),
                    text.isEmpty() || !response.headers().firstValue("Content-Type").orElse("").contains("json")
                            ? null : json.readTree(text), response.headers());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
