package com.clinicbackbone.notification;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.clinicbackbone.events.AppointmentBooked;
import com.clinicbackbone.events.AppointmentCancelled;
import com.clinicbackbone.events.Envelope;
import com.clinicbackbone.events.PatientContactRecord;
import com.clinicbackbone.events.Topics;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.BasicCredentials;
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
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole service against a real Kafka broker (embedded, KRaft), the MongoDB wire protocol (mongo-java-server),
 * an SMTP server (GreenMail) and a Twilio-shaped SMS provider (WireMock), all on random ports.
 */
@EmbeddedKafka(partitions = 1)
@SpringBootTest(properties = "spring.cloud.stream.kafka.binder.brokers=${spring.embedded.kafka.brokers}")
@AutoConfigureMockMvc
class NotificationServiceIntegrationTest {

    static final String ACCOUNT_SID = "ACintegration0000000000000000000000";
    static final String AUTH_TOKEN = "integration-token";
    static final String MESSAGES_PATH = "/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages.json";
    static final String STATUS_CALLBACK = "http://127.0.0.1:8083/api/sms/status";

    static final MongoServer mongoServer = new MongoServer(new MemoryBackend());
    static final InetSocketAddress mongoAddress = mongoServer.bind();
    static final GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    static final WireMockServer twilio = new WireMockServer(WireMockConfiguration.options().dynamicPort()
            .bindAddress("127.0.0.1"));

    static {
        smtp.start();
        twilio.start();
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri",
                () -> "mongodb://" + mongoAddress.getHostString() + ":" + mongoAddress.getPort() + "/notifications");
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
        registry.add("notifications.sms.base-url", twilio::baseUrl);
        registry.add("notifications.sms.account-sid", () -> ACCOUNT_SID);
        registry.add("notifications.sms.auth-token", () -> AUTH_TOKEN);
        registry.add("notifications.sms.status-callback-url", () -> STATUS_CALLBACK);
    }

    @AfterAll
    static void stopInfrastructure() {
        twilio.stop();
        smtp.stop();
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

    @BeforeEach
    void setUp() {
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
    void tearDown() {
        producer.close();
    }

    @Test
    void bookingSendsConfirmationsAndSchedulesRemindersThenCancellationCancelsThemAndSendsNotices()
            throws Exception {
        publishContact("pat-int-1", "Ada", "ada@example.org", "+15875550111", List.of("EMAIL", "SMS"), 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> mongo.findById("pat-int-1", Document.class, "contacts") != null);
        Instant start = Instant.now().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.MINUTES);

        publishAppointment(AppointmentBooked.TYPE, "apt-int-1", "pat-int-1", start, 1, false);

        MimeMessage confirmation = awaitEmail("ada@example.org", "Your appointment is booked");
        assertThat(confirmation.getFrom()[0].toString()).isEqualTo("Clinic Backbone <no-reply@clinic-backbone.local>");
        assertThat(confirmation.getContent().toString()).startsWith("Hello Ada,")
                .contains("Running Shoe Restorative Healthcare").doesNotContain("physio");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> twilio.verify(1, postRequestedFor(
                urlPathEqualTo(MESSAGES_PATH))
                .withBasicAuth(new BasicCredentials(ACCOUNT_SID, AUTH_TOKEN))
                .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
                .withFormParam("To", equalTo("+15875550111"))
                .withFormParam("From", equalTo("+15875550100"))
                .withFormParam("Body", containing("RS Clinic: your appointment is booked for"))
                .withFormParam("StatusCallback", equalTo(STATUS_CALLBACK))));
        await().atMost(Duration.ofSeconds(30)).until(() -> byKind("apt-int-1", "CONFIRMATION").stream()
                .allMatch(n -> "SENT".equals(n.get("status"))));

        List<Map<String, Object>> notifications = notifications("appointmentId=apt-int-1");
        assertThat(notifications).hasSize(4);
        assertThat(notifications.get(0)).containsKeys("id", "appointmentId", "patientId", "clinicId", "kind",
                "channel", "status", "dueAt", "sentAt", "reason", "attempts");
        assertThat(byKind("apt-int-1", "REMINDER")).hasSize(2).allSatisfy(reminder -> {
            assertThat(reminder).containsEntry("status", "SCHEDULED")
                    .containsEntry("dueAt", start.minus(Duration.ofHours(24)).toString());
        });
        assertThat(byKind("apt-int-1", "CONFIRMATION")).allSatisfy(sent -> {
            assertThat(sent.get("sentAt")).isNotNull();
            assertThat(sent).containsEntry("attempts", 1);
        });
        assertThat(notifications("patientId=pat-int-1")).hasSize(4);

        String smsSid = mongo.findById("apt-int-1:CONFIRMATION:SMS", Document.class, "notifications")
                .getString("providerMessageId");
        assertThat(smsSid).startsWith("SM").hasSize(34);
        mvc.perform(MockMvcRequestBuilders.post("/api/sms/status").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .param("MessageSid", smsSid).param("MessageStatus", "delivered"))
                .andExpect(status().isNoContent());
        assertThat(byKind("apt-int-1", "CONFIRMATION")).anySatisfy(sms ->
                assertThat(sms).containsEntry("channel", "SMS").containsEntry("deliveryStatus", "delivered"));

        publishAppointment(AppointmentCancelled.TYPE, "apt-int-1", "pat-int-1", start, 2, false);

        awaitEmail("ada@example.org", "Your appointment was cancelled");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> twilio.verify(1, postRequestedFor(
                urlPathEqualTo(MESSAGES_PATH)).withFormParam("To", equalTo("+15875550111"))
                .withFormParam("Body", containing("was cancelled"))));
        await().atMost(Duration.ofSeconds(30)).until(() -> byKind("apt-int-1", "CANCELLATION").stream()
                .filter(n -> "SENT".equals(n.get("status"))).count() == 2);
        assertThat(byKind("apt-int-1", "REMINDER")).hasSize(2).allSatisfy(reminder ->
                assertThat(reminder).containsEntry("status", "CANCELLED")
                        .containsEntry("reason", "appointment cancelled"));
    }

    @Test
    void malformedEventGoesToTheDeadLetterTopicAndTheNextEventIsStillProcessed() {
        Instant start = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.MINUTES);
        publishAppointment(AppointmentBooked.TYPE, "apt-int-2", "pat-int-2", start, 1, true);
        publishAppointment(AppointmentBooked.TYPE, "apt-int-2", "pat-int-2", start, 1, false);

        Map<String, Object> props = KafkaTestUtils.consumerProps(kafka, "dlq-reader", false);
        props.put("auto.offset.reset", "earliest");
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.APPOINTMENTS + ".notification-service.dlq"));
            ConsumerRecord<String, byte[]> dead = KafkaTestUtils.getSingleRecord(consumer,
                    Topics.APPOINTMENTS + ".notification-service.dlq", Duration.ofSeconds(30));
            assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
            assertThat(dead.key()).isEqualTo("apt-int-2");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> notifications("appointmentId=apt-int-2").size() == 4);
    }

    @Test
    void contactTopicIsDeclaredCompacted() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.getBrokersAsString()))) {
            var topic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.PATIENT_CONTACTS);
            var config = admin.describeConfigs(List.of(topic)).all().get().get(topic);
            assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
        }
    }

    @Test
    void tombstoneErasesTheContact() {
        publishContact("pat-int-3", "Bo", "bo@example.org", "+15875550133", List.of("SMS"), 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> mongo.findById("pat-int-3", Document.class, "contacts") != null);

        producer.send(new ProducerRecord<>(Topics.PATIENT_CONTACTS, "pat-int-3", null));
        producer.flush();

        await().atMost(Duration.ofSeconds(30)).until(() -> mongo.findById("pat-int-3", Document.class, "contacts") == null);
    }

    @Test
    void queryWithoutAppointmentOrPatientIsAProblemNamingBoth() throws Exception {
        mvc.perform(get("/api/notifications"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("appointmentId")))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("patientId")))
                .andExpect(jsonPath("$.errors[*].field").value(
                        org.hamcrest.Matchers.containsInAnyOrder("appointmentId", "patientId")));
    }

    @Test
    void healthIsUpWithMongoAndKafkaReachable() throws Exception {
        mvc.perform(get("/actuator/health")).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"));
    }

    private void publishContact(String patientId, String givenName, String email, String phone,
                                List<String> channels, long revision) {
        var record = new PatientContactRecord(patientId, givenName, email, phone, "en", channels);
        publish(Topics.PATIENT_CONTACTS, Envelope.of(PatientContactRecord.TYPE, "/patient-service", Instant.now(),
                patientId, null, revision), json.writeValueAsBytes(record));
    }

    private void publishAppointment(String type, String appointmentId, String patientId, Instant start,
                                    long revision, boolean malformed) {
        Instant end = start.plus(Duration.ofMinutes(45));
        Object event = AppointmentBooked.TYPE.equals(type)
                ? new AppointmentBooked(appointmentId, "running-shoe", "svc-prolotherapy", "prac-1", patientId, start,
                        end, "BOOKED")
                : new AppointmentCancelled(appointmentId, "running-shoe", "svc-prolotherapy", "prac-1", patientId,
                        start, end, "CANCELLED", Instant.now());
        byte[] payload = malformed ? "{not json".getBytes(StandardCharsets.UTF_8) : json.writeValueAsBytes(event);
        publish(Topics.APPOINTMENTS, Envelope.of(type, "/booking-service", Instant.now(), appointmentId,
                "running-shoe", revision), payload);
    }

    private void publish(String topic, Envelope envelope, byte[] payload) {
        var record = new ProducerRecord<>(topic, envelope.subject(), payload);
        envelope.headers().forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        producer.send(record);
        producer.flush();
    }

    private MimeMessage awaitEmail(String to, String subject) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> Arrays.stream(smtp.getReceivedMessages())
                .filter(message -> hasRecipientAndSubject(message, to, subject))
                .findFirst().orElse(null), message -> message != null);
    }

    private static boolean hasRecipientAndSubject(MimeMessage message, String to, String subject) {
        try {
            return subject.equals(message.getSubject())
                    && message.getRecipients(RecipientType.TO)[0].toString().equals(to);
        } catch (jakarta.mail.MessagingException e) {
            return false;
        }
    }

    private List<Map<String, Object>> byKind(String appointmentId, String kind) throws Exception {
        return notifications("appointmentId=" + appointmentId).stream().filter(n -> kind.equals(n.get("kind"))).toList();
    }

    private List<Map<String, Object>> notifications(String query) throws Exception {
        String body = mvc.perform(get("/api/notifications?" + query)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        return json.readValue(body, new TypeReference<>() {
        });
    }
}
