package com.clinicbackbone.notification;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.clinicbackbone.events.AppointmentBooked;
import com.clinicbackbone.events.AppointmentReplyReceived;
import com.clinicbackbone.events.EventHeaders;
import com.clinicbackbone.events.SmsOptOutChanged;
import com.clinicbackbone.notification.notification.sms.TwilioSignature;
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
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Twilio's inbound message webhook over real HTTP, with the form fields Twilio sends and its signature over the
 * configured inbound URL: keywords, the log, the events on clinic.notifications.v1, the opt-out in this service's
 * own sending.
 */
class SmsInboundIntegrationTest extends RunningServiceTest {

    static final String CLINIC_NUMBER = "+15875550100";

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void stopOptsTheNumberOutAtOnceAndIsPublishedOnceWithIdsOnly() throws Exception {
        publishContact("pat-in-1", "Ada", "ada.in@example.org", "+15875550201", List.of("EMAIL", "SMS"), null, 1);
        awaitContact("pat-in-1");

        HttpResponse<String> answer = http.send(inbound(twilioForm("SMin1", "+15875550201", "Stop"), true),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).get().asString().startsWith("application/xml");
        assertThat(answer.body()).contains("<Response><Message>You will no longer receive SMS from the clinic.");
        Document logged = mongo.findById("SMin1", Document.class, "sms_inbound");
        assertThat(logged).containsEntry("keyword", "STOP").containsEntry("outcome", "OPTED_OUT")
                .containsEntry("patientIds", List.of("pat-in-1"));
        assertThat(logged.toJson()).doesNotContain("5875550201", "Stop");

        // Twilio retries a webhook it got no answer to: applied once
        HttpResponse<String> retried = http.send(inbound(twilioForm("SMin1", "+15875550201", "Stop"), true),
                HttpResponse.BodyHandlers.ofString());
        assertThat(retried.body()).endsWith("<Response/>");

        List<ConsumerRecord<String, byte[]>> events = awaitNotificationEvents("pat-in-1", 1);
        assertThat(events).hasSize(1);
        assertThat(new String(events.get(0).headers().lastHeader(EventHeaders.TYPE).value(), StandardCharsets.UTF_8))
                .isEqualTo(SmsOptOutChanged.TYPE);
        SmsOptOutChanged event = json.readValue(events.get(0).value(), SmsOptOutChanged.class);
        assertThat(event.patientId()).isEqualTo("pat-in-1");
        assertThat(event.optedOut()).isTrue();
        assertThat(event.keyword()).isEqualTo("STOP");
        assertThat(new String(events.get(0).value(), StandardCharsets.UTF_8)).doesNotContain("5875550201");

        // before patient-service has even heard of it: no SMS, the email still goes
        publishAppointment(AppointmentBooked.TYPE, "apt-in-1", "running-shoe", "prac-1", "pat-in-1",
                Instant.now().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.MINUTES), 1);
        awaitEmail("ada.in@example.org", "Your appointment is booked");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(byKind("apt-in-1", "CONFIRMATION"))
                .anySatisfy(sms -> assertThat(sms).containsEntry("channel", "SMS")
                        .containsEntry("status", "SKIPPED").containsEntry("reason", "OPTED_OUT")));
        twilio.verify(0, postRequestedFor(urlPathEqualTo(MESSAGES_PATH)).withFormParam("To", equalTo("+15875550201")));

        HttpResponse<String> start = http.send(inbound(twilioForm("SMin1b", "+15875550201", "START"), true),
                HttpResponse.BodyHandlers.ofString());
        assertThat(start.body()).contains("You will receive SMS from the clinic again.");
        assertThat(mongo.findById("pat-in-1", Document.class, "contacts")).containsEntry("smsOptedOut", false);
    }

    @Test
    void aStopFromAPhoneSharedByAFamilyOptsOutEveryPatientOnIt() throws Exception {
        publishContact("pat-in-6a", "Flo", "flo@example.org", "+15875550206", List.of("SMS"), null, 1);
        publishContact("pat-in-6b", "Gus", "gus@example.org", "+15875550206", List.of("SMS"), null, 1);
        awaitContact("pat-in-6a");
        awaitContact("pat-in-6b");

        HttpResponse<String> answer = http.send(inbound(twilioForm("SMin6", "+15875550206", "unsubscribe"), true),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(200);
        for (String patientId : List.of("pat-in-6a", "pat-in-6b")) {
            assertThat(mongo.findById(patientId, Document.class, "contacts")).containsEntry("smsOptedOut", true);
            assertThat(awaitNotificationEvents(patientId, 1)).singleElement().satisfies(record ->
                    assertThat(json.readValue(record.value(), SmsOptOutChanged.class).keyword())
                            .isEqualTo("UNSUBSCRIBE"));
        }
    }

    @Test
    void aMissingOrWrongSignatureIsRefusedWith403AndChangesNothing() throws Exception {
        publishContact("pat-in-2", "Bo", "bo.in@example.org", "+15875550202", List.of("SMS"), null, 1);
        awaitContact("pat-in-2");
        Map<String, String> form = twilioForm("SMin2", "+15875550202", "STOP");

        HttpResponse<String> wrong = http.send(inbound(form, false), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> none = http.send(HttpRequest.newBuilder(URI.create(url()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form))).build(), HttpResponse.BodyHandlers.ofString());

        for (HttpResponse<String> refused : List.of(wrong, none)) {
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.headers().firstValue("Content-Type")).get().asString()
                    .startsWith("application/problem+json");
        }
        assertThat(mongo.findById("SMin2", Document.class, "sms_inbound")).isNull();
        assertThat(mongo.findById("pat-in-2", Document.class, "contacts")).doesNotContainKey("smsOptedOut");
    }

    @Test
    void confirmAndCancelRepliesAskAboutTheNextAppointment() throws Exception {
        publishContact("pat-in-3", "Cy", "cy.in@example.org", "+15875550203", List.of("EMAIL"), null, 1);
        awaitContact("pat-in-3");
        Instant soon = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.MINUTES);
        publishAppointment(AppointmentBooked.TYPE, "apt-in-3-later", "running-shoe", "prac-1", "pat-in-3",
                soon.plus(Duration.ofDays(7)), 1);
        publishAppointment(AppointmentBooked.TYPE, "apt-in-3-next", "running-shoe", "prac-1", "pat-in-3", soon, 1);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> mongo.findById("apt-in-3-next", Document.class, "appointments") != null
                        && mongo.findById("apt-in-3-later", Document.class, "appointments") != null);

        HttpResponse<String> yes = http.send(inbound(twilioForm("SMin3a", "+15875550203", " oui "), true),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> x = http.send(inbound(twilioForm("SMin3b", "+15875550203", "x"), true),
                HttpResponse.BodyHandlers.ofString());

        assertThat(yes.body()).contains("Thank you, your appointment on").contains("is confirmed.");
        assertThat(x.body()).contains("We received your request to cancel your appointment on");
        List<ConsumerRecord<String, byte[]>> events = awaitNotificationEvents("pat-in-3", 2);
        assertThat(events).hasSize(2).allSatisfy(record -> assertThat(new String(
                record.headers().lastHeader(EventHeaders.TYPE).value(), StandardCharsets.UTF_8))
                .isEqualTo(AppointmentReplyReceived.TYPE));
        assertThat(events.stream().map(record -> json.readValue(record.value(), AppointmentReplyReceived.class)))
                .extracting(AppointmentReplyReceived::appointmentId, AppointmentReplyReceived::clinicId,
                        AppointmentReplyReceived::action)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("apt-in-3-next", "running-shoe", "CONFIRM"),
                        org.assertj.core.groups.Tuple.tuple("apt-in-3-next", "running-shoe", "CANCEL"));
    }

    @Test
    void unknownNumbersGetANeutralHelpAndNothingIsKeptAboutThem() throws Exception {
        HttpResponse<String> answer = http.send(inbound(twilioForm("SMin4", "+15875550299", "C"), true),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("<Message>Reply C to confirm, X to cancel or STOP to opt out.");
        Document logged = mongo.findById("SMin4", Document.class, "sms_inbound");
        assertThat(logged).containsEntry("outcome", "UNKNOWN_NUMBER").containsEntry("patientIds", List.of());
        assertThat(logged.toJson()).doesNotContain("5875550299");
        assertThat(logged.get("outbox", List.class)).isEmpty();
    }

    @Test
    void anythingElseGetsHelpInThePatientsLanguage() throws Exception {
        var record = new com.clinicbackbone.events.PatientContactRecord("pat-in-5", "Élise", "elise@example.org",
                "+15875550205", "fr", List.of("SMS"), null);
        publish(com.clinicbackbone.events.Topics.PATIENT_CONTACTS, com.clinicbackbone.events.Envelope.of(
                com.clinicbackbone.events.PatientContactRecord.TYPE, "/patient-service", Instant.now(), "pat-in-5",
                null, 1), json.writeValueAsBytes(record));
        awaitContact("pat-in-5");

        HttpResponse<String> answer = http.send(inbound(twilioForm("SMin5", "+15875550205", "à quelle heure?"), true),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.body()).contains("<Message>Répondez C pour confirmer", "l&#39;annuler", "ARRET")
                .doesNotContain("Élise");
        assertThat(mongo.findById("SMin5", Document.class, "sms_inbound")).containsEntry("outcome", "HELP")
                .doesNotContainKey("keyword");
    }

    /** The fields Twilio posts for an inbound SMS. */
    static Map<String, String> twilioForm(String messageSid, String from, String body) {
        return new TreeMap<>(Map.ofEntries(Map.entry("ToCountry", "CA"), Map.entry("ToState", "AB"),
                Map.entry("SmsMessageSid", messageSid), Map.entry("NumMedia", "0"), Map.entry("ToCity", "CALGARY"),
                Map.entry("FromZip", ""), Map.entry("SmsSid", messageSid), Map.entry("FromState", "AB"),
                Map.entry("SmsStatus", "received"), Map.entry("FromCity", "CALGARY"), Map.entry("Body", body),
                Map.entry("FromCountry", "CA"), Map.entry("To", CLINIC_NUMBER), Map.entry("ToZip", ""),
                Map.entry("NumSegments", "1"), Map.entry("MessageSid", messageSid),
                Map.entry("AccountSid", ACCOUNT_SID), Map.entry("From", from), Map.entry("ApiVersion", "2010-04-01")));
    }

    private HttpRequest inbound(Map<String, String> form, boolean correctlySigned) {
        String signature = TwilioSignature.compute(correctlySigned ? AUTH_TOKEN : "another-token", INBOUND_URL,
                form.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue()))));
        return HttpRequest.newBuilder(URI.create(url()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(encode(form))).build();
    }

    private String url() {
        return "http://127.0.0.1:" + port + "/api/sms/inbound";
    }

    private static String encode(Map<String, String> form) {
        return form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }
}
