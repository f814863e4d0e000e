package com.clinicbackbone.notification;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.clinicbackbone.events.AppointmentBooked;
import com.clinicbackbone.events.AppointmentCancelled;
import com.clinicbackbone.events.Envelope;
import com.clinicbackbone.events.Topics;
import com.clinicbackbone.notification.notification.sms.TwilioSignature;
import com.clinicbackbone.security.DemoPersona;
import com.github.tomakehurst.wiremock.client.BasicCredentials;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.kafka.test.utils.KafkaTestUtils;

class NotificationServiceIntegrationTest extends RunningServiceTest {

    @LocalServerPort
    int port;

    @Test
    void bookingSendsConfirmationsAndSchedulesRemindersThenCancellationCancelsThemAndSendsNotices()
            throws Exception {
        publishContact("pat-int-1", "Ada", "ada@example.org", "+15875550111", List.of("EMAIL", "SMS"), null, 1);
        awaitContact("pat-int-1");
        Instant start = Instant.now().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.MINUTES);

        publishAppointment(AppointmentBooked.TYPE, "apt-int-1", "running-shoe", "prac-1", "pat-int-1", start, 1);

        MimeMessage confirmation = awaitEmail("ada@example.org", "Your appointment is booked");
        assertThat(confirmation.getFrom()[0].toString()).isEqualTo("Clinic Backbone <no-reply@clinic-backbone.local>");
        assertThat(textOf(confirmation)).startsWith("Hello Ada,")
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
                "channel", "status", "dueAt", "sentAt", "deliveredAt", "reason", "attempts");
        assertThat(byKind("apt-int-1", "REMINDER")).hasSize(2).allSatisfy(reminder -> {
            assertThat(reminder).containsEntry("status", "SCHEDULED")
                    .containsEntry("dueAt", start.minus(Duration.ofHours(24)).toString());
        });
        assertThat(byKind("apt-int-1", "CONFIRMATION")).allSatisfy(sent -> {
            assertThat(sent.get("sentAt")).isNotNull();
            assertThat(sent).containsEntry("attempts", 1);
        });
        assertThat(notifications("patientId=pat-int-1")).hasSize(4);

        String smsSid = providerMessageId("apt-int-1:CONFIRMATION:SMS");
        assertThat(smsSid).startsWith("SM").hasSize(34);
        mvc.perform(post("/api/sms/status").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .param("MessageSid", smsSid).param("MessageStatus", "delivered")
                        .header("X-Twilio-Signature", TwilioSignature.compute(AUTH_TOKEN, STATUS_CALLBACK, Map.of(
                                "MessageSid", List.of(smsSid), "MessageStatus", List.of("delivered")))))
                .andExpect(status().isNoContent());
        assertThat(byKind("apt-int-1", "CONFIRMATION")).anySatisfy(sms ->
                assertThat(sms).containsEntry("channel", "SMS").containsEntry("deliveryStatus", "delivered")
                        .doesNotContainEntry("deliveredAt", null));

        publishAppointment(AppointmentCancelled.TYPE, "apt-int-1", "running-shoe", "prac-1", "pat-int-1", start, 2);

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
    void channelWithoutConsentIsSkippedWithAReasonWhileTheConsentedOneIsSent() throws Exception {
        publishContact("pat-int-4", "Cy", "cy@example.org", "+15875550144", List.of("EMAIL", "SMS"),
                List.of("EMAIL"), 1);
        awaitContact("pat-int-4");

        publishAppointment(AppointmentBooked.TYPE, "apt-int-4", "running-shoe", "prac-1", "pat-int-4",
                Instant.now().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.MINUTES), 1);

        awaitEmail("cy@example.org", "Your appointment is booked");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(byKind("apt-int-4", "CONFIRMATION"))
                .anySatisfy(sms -> assertThat(sms).containsEntry("channel", "SMS")
                        .containsEntry("status", "SKIPPED").containsEntry("reason", "no consent to SMS messages")));
        twilio.verify(0, postRequestedFor(urlPathEqualTo(MESSAGES_PATH)).withFormParam("To", equalTo("+15875550144")));
    }

    @Test
    void statusCallbackSignedExactlyAsTheLocalSmsSinkSignsItIsAcceptedOverRealHttp() throws Exception {
        publishContact("pat-int-5", "Di", "di@example.org", "+15875550155", List.of("SMS"), null, 1);
        awaitContact("pat-int-5");
        publishAppointment(AppointmentBooked.TYPE, "apt-int-5", "running-shoe", "prac-1", "pat-int-5",
                Instant.now().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.MINUTES), 1);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> providerMessageId("apt-int-5:CONFIRMATION:SMS") != null);
        String sid = providerMessageId("apt-int-5:CONFIRMATION:SMS");

        // the local stack's SmsSink: every parameter Twilio sends, sorted in a TreeMap, form-encoded, signed with
        // the auth token over the StatusCallback URL it was given followed by each name and value
        Map<String, String> params = new TreeMap<>(Map.of("AccountSid", ACCOUNT_SID, "ApiVersion", "2010-04-01",
                "From", "+15875550100", "MessageSid", sid, "MessageStatus", "delivered", "SmsSid", sid,
                "SmsStatus", "delivered", "To", "+15875550155"));
        String form = params.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        StringBuilder data = new StringBuilder(STATUS_CALLBACK);
        params.forEach((key, value) -> data.append(key).append(value));
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA1");
        mac.init(new javax.crypto.spec.SecretKeySpec(AUTH_TOKEN.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        String sinkSignature = java.util.Base64.getEncoder()
                .encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));

        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> wrong = http.send(callback(form, sinkSignature.substring(1)),
                HttpResponse.BodyHandlers.ofString());
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(wrong.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
        assertThat(deliveryStatus("apt-int-5:CONFIRMATION:SMS")).isNull();

        HttpResponse<String> signed = http.send(callback(form, sinkSignature), HttpResponse.BodyHandlers.ofString());
        assertThat(signed.statusCode()).isEqualTo(204);
        assertThat(deliveryStatus("apt-int-5:CONFIRMATION:SMS")).isEqualTo("delivered");
    }

    @Test
    void statusCallbackWithoutOrWithAWrongSignatureIsRefusedWithAProblemAndChangesNothing() throws Exception {
        Document stored = new Document("_id", "apt-int-6:CONFIRMATION:SMS").append("appointmentId", "apt-int-6")
                .append("patientId", "pat-int-6").append("clinicId", "running-shoe").append("status", "SENT")
                .append("providerMessageId", "SM-int-6");
        mongo.insert(stored, "notifications");
        Map<String, List<String>> params = Map.of("MessageSid", List.of("SM-int-6"),
                "MessageStatus", List.of("failed"));

        mvc.perform(post("/api/sms/status").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .param("MessageSid", "SM-int-6").param("MessageStatus", "failed"))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(403));
        mvc.perform(post("/api/sms/status").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .param("MessageSid", "SM-int-6").param("MessageStatus", "failed")
                        .header("X-Twilio-Signature", TwilioSignature.compute("another-token", STATUS_CALLBACK, params)))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/sms/status").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .param("MessageSid", "SM-int-6").param("MessageStatus", "failed")
                        .header("X-Twilio-Signature", TwilioSignature.compute(AUTH_TOKEN,
                                "http://localhost/api/sms/status", params)))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/sms/status").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .param("MessageSid", "SM-int-6").param("MessageStatus", "failed")
                        .header("Authorization", bearer(DemoPersona.FRONTDESK_RUNNING_SHOE)))
                .andExpect(status().isForbidden());

        assertThat(deliveryStatus("apt-int-6:CONFIRMATION:SMS")).isNull();
    }

    @Test
    void signedStatusCallbackWithoutMessageStatusIsAProblemNamingIt() throws Exception {
        mvc.perform(post("/api/sms/status").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .param("MessageSid", "SM-int-7")
                        .header("X-Twilio-Signature", TwilioSignature.compute(AUTH_TOKEN, STATUS_CALLBACK,
                                Map.of("MessageSid", List.of("SM-int-7")))))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("MessageStatus"));
    }

    @Test
    void malformedEventGoesToTheDeadLetterTopicAndTheNextEventIsStillProcessed() {
        Instant start = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.MINUTES);
        publish(Topics.APPOINTMENTS, Envelope.of(AppointmentBooked.TYPE, "/booking-service", Instant.now(),
                "apt-int-2", "running-shoe", 1), "{not json".getBytes(StandardCharsets.UTF_8));
        publishAppointment(AppointmentBooked.TYPE, "apt-int-2", "running-shoe", "prac-1", "pat-int-2", start, 1);

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
    void queryWithoutAppointmentOrPatientIsAProblemNamingBoth() throws Exception {
        mvc.perform(get("/api/notifications").header("Authorization", bearer(DemoPersona.FRONTDESK_RUNNING_SHOE)))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("appointmentId")))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("patientId")))
                .andExpect(jsonPath("$.errors[*].field").value(
                        org.hamcrest.Matchers.containsInAnyOrder("appointmentId", "patientId")));
    }

    @Test
    void healthIsUpWithMongoAndKafkaReachableAndNeedsNoToken() throws Exception {
        mvc.perform(get("/actuator/health")).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"));
    }

    private HttpRequest callback(String form, String signature) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/sms/status"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
    }

    private String providerMessageId(String notificationId) {
        Document notification = mongo.findById(notificationId, Document.class, "notifications");
        return notification == null ? null : notification.getString("providerMessageId");
    }

    private String deliveryStatus(String notificationId) {
        return mongo.findById(notificationId, Document.class, "notifications").getString("deliveryStatus");
    }
}
