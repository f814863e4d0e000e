package com.clinicbackbone.notification;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.clinicbackbone.events.AppointmentBooked;
import com.clinicbackbone.events.AppointmentCancelled;
import com.clinicbackbone.events.AppointmentCheckedIn;
import com.clinicbackbone.events.AppointmentCompleted;
import com.clinicbackbone.events.AppointmentConfirmed;
import com.clinicbackbone.events.AppointmentNoShow;
import com.clinicbackbone.events.Envelope;
import com.clinicbackbone.events.PatientContactRecord;
import com.clinicbackbone.events.Topics;
import com.clinicbackbone.notification.contact.Channel;
import com.clinicbackbone.notification.policy.ReminderPolicies;
import com.clinicbackbone.notification.policy.ReminderPolicy;
import com.clinicbackbone.security.DemoPersona;
import com.clinicbackbone.security.TestIssuer;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.internet.MimeMessage;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole service against a real Kafka broker (embedded, KRaft), the MongoDB wire protocol (mongo-java-server),
 * an SMTP server (GreenMail), a Twilio-shaped SMS provider (WireMock) and an OpenID Connect issuer (TestIssuer),
 * all on random ports. Every subclass runs in the same application context (same configuration), so the
 * infrastructure lives as long as that context and the subclasses use distinct ids.
 */
@EmbeddedKafka(partitions = 1)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.cloud.stream.kafka.binder.brokers=${spring.embedded.kafka.brokers}")
@AutoConfigureMockMvc
@Import(InfrastructureShutdown.class)
abstract class RunningServiceTest {

    static final String ACCOUNT_SID = "ACintegration0000000000000000000000";
    static final String AUTH_TOKEN = "integration-token";
    static final String MESSAGES_PATH = "/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages.json";
    /** What Twilio is told to call (and signs); the tests reach the service on its random port instead. */
    static final String STATUS_CALLBACK = "https://notifications.clinic.example/api/sms/status";
    /** What Twilio's inbound webhook of the sender number is configured to call (and signs). */
    static final String INBOUND_URL = "https://notifications.clinic.example/api/sms/inbound";

    static final MongoServer mongoServer = new MongoServer(new MemoryBackend());
    static final InetSocketAddress mongoAddress = mongoServer.bind();
    static final GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    static final WireMockServer twilio = new WireMockServer(WireMockConfiguration.options().dynamicPort()
            .bindAddress("127.0.0.1"));
    static final TestIssuer issuer = TestIssuer.start();

    static {
        smtp.start();
        twilio.start();
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        // a test class may use a database of its own: @TestPropertySource(properties = "test.database=...")
        registry.add("spring.mongodb.uri", () -> "mongodb://" + mongoAddress.getHostString() + ":"
                + mongoAddress.getPort() + "/${test.database:notifications}");
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
        registry.add("notifications.sms.base-url", twilio::baseUrl);
        registry.add("notifications.sms.account-sid", () -> ACCOUNT_SID);
        registry.add("notifications.sms.auth-token", () -> AUTH_TOKEN);
        registry.add("notifications.sms.status-callback-url", () -> STATUS_CALLBACK);
        registry.add("notifications.sms.inbound-url", () -> INBOUND_URL);
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", issuer::uri);
    }

    /** Stops the infrastructure when the (cached) application context closes. */
    static void stopInfrastructure() {
        twilio.stop();
        smtp.stop();
        issuer.close();
        mongoServer.shutdownNow();
    }

    @Autowired
    EmbeddedKafkaBroker kafka;
    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    MongoTemplate mongo;

    KafkaProducer<String, byte[]> producer;

    @Autowired
    ReminderPolicies policies;

    /**
     * The tests' running-shoe policy: one reminder 24 h before on both channels and no quiet hours, so what they
     * expect does not depend on the time of day they run at. The other clinics keep the seeded defaults.
     */
    static final ReminderPolicy RUNNING_SHOE_TEST_POLICY = new ReminderPolicy(
            new ReminderPolicy.Confirmations(true, true, true),
            List.of(new ReminderPolicy.Reminder(Duration.ofHours(24), Set.of(Channel.EMAIL, Channel.SMS))), true,
            new ReminderPolicy.QuietHours(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT), "RS Clinic");

    @BeforeEach
    void startProducerAndStubTwilio() {
        policies.save("running-shoe", RUNNING_SHOE_TEST_POLICY);
        producer = new KafkaProducer<>(KafkaTestUtils.producerProps(kafka), new StringSerializer(),
                new ByteArraySerializer());
        twilio.stubFor(post(urlPathEqualTo(MESSAGES_PATH)).willReturn(aResponse()
                .withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withTransformers("response-template")
                .withBody("""
                        {"account_sid": "%s", "api_version": "2010-04-01", "body": "{{formData request.body 'form' urlDecode=true}}{{form.Body}}",
                         "date_created": "Thu, 24 Aug 2023 05:01:45 +0000", "date_sent": null,
                         "date_updated": "Thu, 24 Aug 2023 05:01:45 +0000", "direction": "outbound-api",
                         "error_code": null, "error_message": null, "from": "+15875550100",
                         "messaging_service_sid": null, "num_media": "0", "num_segments": "1", "price": null,
                         "price_unit": null, "sid": "SM{{randomValue length=32 type='HEXADECIMAL'}}",
                         "status": "queued", "subresource_uris": {"media": "/2010-04-01/Accounts/%s/Messages/SMxx/Media.json"},
                         "to": "{{form.To}}", "uri": "/2010-04-01/Accounts/%s/Messages/SMxx.json"}
                        """.formatted(ACCOUNT_SID, ACCOUNT_SID, ACCOUNT_SID))));
    }

    @AfterEach
    void closeProducer() {
        producer.close();
    }

    static String bearer(DemoPersona persona) {
        return "Bearer " + issuer.token(persona);
    }

    void publishContact(String patientId, String givenName, String email, String phone, List<String> channels,
                        List<String> consents, long revision) {
        var record = new PatientContactRecord(patientId, givenName, email, phone, "en", channels, consents);
        publish(Topics.PATIENT_CONTACTS, Envelope.of(PatientContactRecord.TYPE, "/patient-service", Instant.now(),
                patientId, null, revision), json.writeValueAsBytes(record));
    }

    void awaitContact(String patientId) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> mongo.findById(patientId, org.bson.Document.class, "contacts") != null);
    }

    /** Publishes an appointment event with booking-service's envelope (types without extra fields). */
    void publishAppointment(String type, String appointmentId, String clinicId, String practitionerId,
                            String patientId, Instant start, long revision) {
        Instant end = start.plus(Duration.ofMinutes(45));
        String service = "svc-prolotherapy";
        Object event = switch (type) {
            case AppointmentBooked.TYPE -> new AppointmentBooked(appointmentId, clinicId, service, practitionerId,
                    patientId, start, end, "BOOKED");
            case AppointmentCancelled.TYPE -> new AppointmentCancelled(appointmentId, clinicId, service,
                    practitionerId, patientId, start, end, "CANCELLED", Instant.now());
            case AppointmentConfirmed.TYPE -> new AppointmentConfirmed(appointmentId, clinicId, service,
                    practitionerId, patientId, start, end, "CONFIRMED");
            case AppointmentCheckedIn.TYPE -> new AppointmentCheckedIn(appointmentId, clinicId, service,
                    practitionerId, patientId, start, end, "CHECKED_IN");
            case AppointmentCompleted.TYPE -> new AppointmentCompleted(appointmentId, clinicId, service,
                    practitionerId, patientId, start, end, "COMPLETED");
            case AppointmentNoShow.TYPE -> new AppointmentNoShow(appointmentId, clinicId, service, practitionerId,
                    patientId, start, end, "NO_SHOW");
            default -> throw new IllegalArgumentException(type + ": build the event and publish it with its record");
        };
        publishAppointment(type, appointmentId, clinicId, event, revision);
    }

    /** Publishes the given appointment event record with booking-service's envelope. */
    void publishAppointment(String type, String appointmentId, String clinicId, Object event, long revision) {
        publish(Topics.APPOINTMENTS, Envelope.of(type, "/booking-service", Instant.now(), appointmentId, clinicId,
                revision), json.writeValueAsBytes(event));
    }

    void publish(String topic, Envelope envelope, byte[] payload) {
        var record = new ProducerRecord<>(topic, envelope.subject(), payload);
        envelope.headers().forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        producer.send(record);
        producer.flush();
    }

    /**
     * The records on {@link Topics#NOTIFICATIONS} with this key, read from the start once at least {@code atLeast}
     * are there and no more arrive for a moment (so that a duplicate would be seen).
     */
    List<org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]>> awaitNotificationEvents(String key,
                                                                                                  int atLeast) {
        Map<String, Object> props = KafkaTestUtils.consumerProps(kafka, "reader-" + java.util.UUID.randomUUID(), false);
        props.put("auto.offset.reset", "earliest");
        List<org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]>> found = new java.util.ArrayList<>();
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<>(props,
                new org.apache.kafka.common.serialization.StringDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.NOTIFICATIONS));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            int quietPolls = 0;
            while (System.nanoTime() < deadline && (found.size() < atLeast || quietPolls < 3)) {
                int before = found.size();
                consumer.poll(Duration.ofMillis(300)).forEach(record -> {
                    if (key.equals(record.key())) {
                        found.add(record);
                    }
                });
                quietPolls = found.size() == before && found.size() >= atLeast ? quietPolls + 1 : 0;
            }
        }
        return found;
    }

    MimeMessage awaitEmail(String to, String subject) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> Arrays.stream(smtp.getReceivedMessages())
                .filter(message -> hasRecipientAndSubject(message, to, subject))
                .findFirst().orElse(null), message -> message != null);
    }

    /** The text/plain part of a received email. */
    static String textOf(jakarta.mail.Part part) throws Exception {
        return partOf(part, "text/plain");
    }

    /** The first part of the given MIME type (text/plain, text/html, text/calendar) in a received email. */
    static String partOf(jakarta.mail.Part part, String mimeType) throws Exception {
        if (part.isMimeType(mimeType)) {
            Object content = part.getContent();
            return content instanceof String text ? text
                    : new String(((java.io.InputStream) content).readAllBytes(), StandardCharsets.UTF_8);
        }
        if (part.getContent() instanceof jakarta.mail.Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                String found = partOf(multipart.getBodyPart(i), mimeType);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static boolean hasRecipientAndSubject(MimeMessage message, String to, String subject) {
        try {
            return subject.equals(message.getSubject())
                    && message.getRecipients(RecipientType.TO)[0].toString().equals(to);
        } catch (jakarta.mail.MessagingException e) {
            return false;
        }
    }

    List<Map<String, Object>> byKind(String appointmentId, String kind) throws Exception {
        return notifications("appointmentId=" + appointmentId).stream().filter(n -> kind.equals(n.get("kind"))).toList();
    }

    /** The notifications API as the running-shoe front desk (the clinic of the appointments these tests book). */
    List<Map<String, Object>> notifications(String query) throws Exception {
        return notifications(query, DemoPersona.FRONTDESK_RUNNING_SHOE);
    }

    List<Map<String, Object>> notifications(String query, DemoPersona persona) throws Exception {
        String body = mvc.perform(get("/api/notifications?" + query).header("Authorization", bearer(persona)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        return json.readValue(body, new TypeReference<>() {
        });
    }
}
