package com.clinicbackbone.system;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import tools.jackson.databind.JsonNode;

/**
 * The flow every deployment must support, across the three services: register a patient, book, the patient is
 * confirmed by email and SMS, a reminder waits; cancel, the reminder is withdrawn and a cancellation notice sent.
 */
final class BookingFlow {

    static final String SMS_PATH = "/2010-04-01/Accounts/[^/]+/Messages.json";
    private static final Duration ASYNC = Duration.ofSeconds(60);

    private final Http http = new Http();
    private final Backbone backbone;
    private final GreenMail mail;
    private final WireMockServer sms;

    BookingFlow(Backbone backbone, GreenMail mail, WireMockServer sms) {
        this.backbone = backbone;
        this.mail = mail;
        this.sms = sms;
    }

    void registerBookConfirmCancel() {
        String email = "ann.lee+" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        String phone = "+1403555" + String.format("%04d", (int) (Math.random() * 10_000));
        var registered = http.post(backbone.patient("/api/patients"), Map.of(
                "givenName", "Ann", "familyName", "Lee", "birthDate", "1984-03-02", "email", email,
                "phone", phone, "language", "en", "channels", List.of("EMAIL", "SMS"), "clinicId", "running-shoe"));
        assertThat(registered.status()).as("register patient: %s", registered.body()).isEqualTo(201);
        String patientId = registered.body().get("id").asText();

        Instant start = Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        var booked = http.post(backbone.booking("/api/appointments"), Map.of(
                "clinicId", "running-shoe", "serviceId", "physio-follow-up", "practitionerId", "maya-chen",
                "patientId", patientId, "start", start.toString()));
        assertThat(booked.status()).as("book: %s", booked.body()).isEqualTo(201);
        String appointmentId = booked.body().get("id").asText();
        assertThat(booked.body().get("status").asText()).isEqualTo("BOOKED");

        await("confirmation email").atMost(ASYNC).until(() -> mailTo(email, "booked").length == 1);
        await("confirmation SMS").atMost(ASYNC).until(() -> smsTo(phone).size() == 1);
        Map<String, String> smsForm = form(smsTo(phone).get(0));
        assertThat(smsForm).containsKeys("From", "Body", "StatusCallback");
        assertThat(smsForm.get("StatusCallback")).endsWith("/api/sms/status");

        JsonNode reminders = await("reminders scheduled").atMost(ASYNC)
                .until(() -> notifications(appointmentId, "REMINDER"), list -> list.size() == 2);
        for (JsonNode reminder : reminders) {
            assertThat(reminder.get("status").asText()).isEqualTo("SCHEDULED");
            assertThat(Instant.parse(reminder.get("dueAt").asText())).isEqualTo(start.minus(24, ChronoUnit.HOURS));
        }

        var cancelled = http.post(backbone.booking("/api/appointments/" + appointmentId + "/cancel"),
                Map.of("reason", "Patient called to cancel"));
        assertThat(cancelled.status()).as("cancel: %s", cancelled.body()).isEqualTo(200);
        assertThat(cancelled.body().get("status").asText()).isEqualTo("CANCELLED");

        await("reminders withdrawn").atMost(ASYNC).until(() -> notifications(appointmentId, "REMINDER"),
                list -> list.size() == 2 && StreamSupport.stream(list.spliterator(), false)
                        .allMatch(n -> n.get("status").asText().equals("CANCELLED")));
        await("cancellation email").atMost(ASYNC).until(() -> mailTo(email, "cancel").length == 1);
        await("cancellation SMS").atMost(ASYNC).until(() -> smsTo(phone).size() == 2);
        await("cancellation notices recorded").atMost(ASYNC)
                .until(() -> notifications(appointmentId, "CANCELLATION"), list -> list.size() == 2
                        && StreamSupport.stream(list.spliterator(), false)
                        .allMatch(n -> n.get("status").asText().equals("SENT")));
        assertThat(mailTo(email, "")).hasSize(2);
    }

    private JsonNode notifications(String appointmentId, String kind) {
        var response = http.get(backbone.notification("/api/notifications?appointmentId=" + appointmentId));
        assertThat(response.status()).isEqualTo(200);
        var matching = tools.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        response.body().forEach(n -> {
            if (n.get("kind").asText().equals(kind)) {
                matching.add(n);
            }
        });
        return matching;
    }

    private MimeMessage[] mailTo(String address, String subjectWord) {
        return Arrays.stream(mail.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(r -> r.toString().contains(address))
                        && m.getSubject().toLowerCase().contains(subjectWord);
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toArray(MimeMessage[]::new);
    }

    private List<LoggedRequest> smsTo(String phone) {
        return sms.findAll(postRequestedFor(urlPathMatching(SMS_PATH))).stream()
                .filter(r -> phone.equals(form(r).get("To"))).toList();
    }

    private static Map<String, String> form(LoggedRequest request) {
        return Arrays.stream(request.getBodyAsString().split("&")).map(pair -> pair.split("=", 2))
                .collect(java.util.stream.Collectors.toMap(
                        kv -> URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        kv -> kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : ""));
    }
}
