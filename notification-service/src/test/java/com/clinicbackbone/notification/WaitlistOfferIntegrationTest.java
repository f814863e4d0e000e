package com.clinicbackbone.notification;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.clinicbackbone.events.AppointmentBooked;
import com.clinicbackbone.events.AppointmentReplyReceived;
import com.clinicbackbone.events.Envelope;
import com.clinicbackbone.events.EventHeaders;
import com.clinicbackbone.events.Topics;
import com.clinicbackbone.events.WaitlistOfferAccepted;
import com.clinicbackbone.events.WaitlistOfferMade;
import com.clinicbackbone.events.WaitlistOfferReplyReceived;
import com.clinicbackbone.events.WaitlistOfferUndeliverable;
import com.clinicbackbone.notification.notification.sms.TwilioSignature;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 13's offers of freed time, as notification-service sends them and routes the answers: the offered event plans
 * a message per channel (PHI-minimal: a time and a date, Y or N), sent per the patient's channels and consents; a Y
 * or N from the number goes to its newest open offer as {@code WaitlistOfferReplyReceived} (C keeps confirming the
 * next appointment); a closed offer sends nothing more and takes no answer; an offer that reaches the patient on no
 * channel is published as {@code WaitlistOfferUndeliverable}, once.
 */
class WaitlistOfferIntegrationTest extends RunningServiceTest {

    static final ZoneId CALGARY = ZoneId.of("America/Edmonton");

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void anOfferGoesOutBySmsAndEmailAndAYesGoesToTheNewestOpenOfferOfTheNumber() throws Exception {
        publishContact("pat-wl-1", "Dana", "dana.wl@example.org", "+15875550301", List.of("EMAIL", "SMS"), null, 1);
        awaitContact("pat-wl-1");
        Instant start = LocalDate.now(CALGARY).plusDays(5).atTime(LocalTime.of(10, 0)).atZone(CALGARY).toInstant();

        publishOffer("entry-wl-1a", "offer-wl-1a", "pat-wl-1", start.minus(Duration.ofHours(1)), Duration.ofMinutes(15));
        publishOffer("entry-wl-1b", "offer-wl-1b", "pat-wl-1", start, Duration.ofMinutes(15));

        LoggedRequest sms = awaitSms("+15875550301", "10:00 AM");
        String body = form(sms).get("Body");
        assertThat(body).isEqualTo("RS Clinic: a 10:00 AM spot opened on "
                + start.atZone(CALGARY).format(java.time.format.DateTimeFormatter.ofPattern("EEE MMM d",
                java.util.Locale.ENGLISH)) + ". Reply Y to take it, N to pass.");
        assertThat(body).doesNotContain("Dana", "Running Shoe");
        var email = awaitEmail("dana.wl@example.org", "A spot opened");
        assertThat(textOf(email)).contains("Running Shoe Restorative Healthcare", "reply Y");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(byKind("offer-wl-1b", "WAITLIST_OFFER"))
                .hasSize(2).allSatisfy(message -> assertThat(message).containsEntry("status", "SENT")));

        HttpResponse<String> yes = http.send(inbound("SMwl1", "+15875550301", "y"), HttpResponse.BodyHandlers.ofString());

        assertThat(yes.statusCode()).isEqualTo(200);
        assertThat(yes.body()).contains("we are booking the spot on").contains("10:00 AM");
        assertThat(mongo.findById("SMwl1", Document.class, "sms_inbound")).containsEntry("outcome", "OFFER_TAKEN")
                .containsEntry("appointmentId", "offer-wl-1b");
        List<ConsumerRecord<String, byte[]>> events = awaitNotificationEvents("pat-wl-1", 1);
        assertThat(events).hasSize(1);
        assertThat(type(events.get(0))).isEqualTo(WaitlistOfferReplyReceived.TYPE);
        var answer = json.readValue(events.get(0).value(), WaitlistOfferReplyReceived.class);
        assertThat(answer.offerId()).isEqualTo("offer-wl-1b");
        assertThat(answer.entryId()).isEqualTo("entry-wl-1b");
        assertThat(answer.action()).isEqualTo(WaitlistOfferReplyReceived.ACCEPT);
        assertThat(new String(events.get(0).value(), StandardCharsets.UTF_8)).doesNotContain("5875550301");

        // booking-service took it: the offer closes, a later N finds none open for it (the older one is, "OUI" too)
        publish(Topics.WAITLIST, Envelope.of(WaitlistOfferAccepted.TYPE, "/booking-service", Instant.now(),
                "entry-wl-1b", "running-shoe", 3), json.writeValueAsBytes(new WaitlistOfferAccepted("entry-wl-1b",
                "offer-wl-1b", "running-shoe", "pat-wl-1", "offer-wl-1b", Instant.now())));
        await().atMost(Duration.ofSeconds(30)).until(() -> openOffers("pat-wl-1").equals(List.of("offer-wl-1a")));
        HttpResponse<String> no = http.send(inbound("SMwl2", "+15875550301", "N"), HttpResponse.BodyHandlers.ofString());
        assertThat(no.body()).contains("the spot goes to someone else");
        assertThat(mongo.findById("SMwl2", Document.class, "sms_inbound")).containsEntry("appointmentId", "offer-wl-1a");
    }

    @Test
    void cKeepsConfirmingTheNextAppointmentAndYWithoutAnOpenOfferDoesNothing() throws Exception {
        publishContact("pat-wl-2", "Eli", "eli.wl@example.org", "+15875550302", List.of("EMAIL"), null, 1);
        awaitContact("pat-wl-2");
        Instant visit = Instant.now().plus(Duration.ofDays(4)).truncatedTo(ChronoUnit.MINUTES);
        publishAppointment(AppointmentBooked.TYPE, "apt-wl-2", "running-shoe", "prac-1", "pat-wl-2", visit, 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> mongo.findById("apt-wl-2", Document.class,
                "appointments") != null);

        HttpResponse<String> y = http.send(inbound("SMwl3", "+15875550302", "Y"), HttpResponse.BodyHandlers.ofString());
        assertThat(y.body()).contains("no longer open");
        assertThat(mongo.findById("SMwl3", Document.class, "sms_inbound")).containsEntry("outcome", "NO_OPEN_OFFER");

        publishOffer("entry-wl-2", "offer-wl-2", "pat-wl-2", visit.plus(Duration.ofDays(1)), Duration.ofMinutes(15));
        await().atMost(Duration.ofSeconds(30)).until(() -> openOffers("pat-wl-2").equals(List.of("offer-wl-2")));
        HttpResponse<String> c = http.send(inbound("SMwl4", "+15875550302", "C"), HttpResponse.BodyHandlers.ofString());
        assertThat(c.body()).contains("is confirmed");
        List<ConsumerRecord<String, byte[]>> events = awaitNotificationEvents("pat-wl-2", 1);
        assertThat(events).hasSize(1);
        assertThat(type(events.get(0))).isEqualTo(AppointmentReplyReceived.TYPE);
    }

    @Test
    void anOfferThatReachesThePatientOnNoChannelIsPublishedOnceAsUndeliverable() {
        // wants SMS only, and consented to none
        publishContact("pat-wl-3", "Fay", "fay.wl@example.org", "+15875550303", List.of("SMS"), List.of(), 1);
        awaitContact("pat-wl-3");
        Instant start = Instant.now().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.HOURS);

        publishOffer("entry-wl-3", "offer-wl-3", "pat-wl-3", start, Duration.ofMinutes(15));

        List<ConsumerRecord<String, byte[]>> events = awaitNotificationEvents("pat-wl-3", 1);
        assertThat(events).hasSize(1);
        assertThat(type(events.get(0))).isEqualTo(WaitlistOfferUndeliverable.TYPE);
        var undeliverable = json.readValue(events.get(0).value(), WaitlistOfferUndeliverable.class);
        assertThat(undeliverable.offerId()).isEqualTo("offer-wl-3");
        assertThat(undeliverable.entryId()).isEqualTo("entry-wl-3");
        assertThat(undeliverable.channels()).containsEntry("SMS", "SKIPPED").containsEntry("EMAIL", "SKIPPED");
        twilio.verify(0, postRequestedFor(urlPathEqualTo(MESSAGES_PATH)).withFormParam("To", equalTo("+15875550303")));
    }

    // --- fixtures

    /** booking-service's offered event, expiring {@code window} from now. */
    private void publishOffer(String entryId, String offerId, String patientId, Instant start, Duration window) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        publish(Topics.WAITLIST, Envelope.of(WaitlistOfferMade.TYPE, "/booking-service", now, entryId,
                "running-shoe", 2), json.writeValueAsBytes(new WaitlistOfferMade(entryId, offerId, "running-shoe",
                "physio-follow-up", "maya-chen", patientId, start, start.plus(Duration.ofMinutes(30)),
                now.plus(window), now)));
    }

    private List<String> openOffers(String patientId) {
        Document stored = mongo.findById(patientId, Document.class, "waitlist_offers");
        return stored == null ? List.of() : stored.getList("offers", Document.class).stream()
                .map(offer -> offer.getString("offerId")).toList();
    }

    private LoggedRequest awaitSms(String to, String saying) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> twilio.findAll(postRequestedFor(
                        urlPathEqualTo(MESSAGES_PATH)).withFormParam("To", equalTo(to))).stream()
                .filter(request -> form(request).get("Body").contains(saying)).findFirst()
                .orElse(null), request -> request != null);
    }

    private static String type(ConsumerRecord<String, byte[]> record) {
        return new String(record.headers().lastHeader(EventHeaders.TYPE).value(), StandardCharsets.UTF_8);
    }

    private static Map<String, String> form(LoggedRequest request) {
        return java.util.Arrays.stream(request.getBodyAsString().split("&")).map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(kv -> URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        kv -> kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "", (a, b) -> b));
    }

    private HttpRequest inbound(String messageSid, String from, String body) {
        Map<String, String> form = SmsInboundIntegrationTest.twilioForm(messageSid, from, body);
        String signature = TwilioSignature.compute(AUTH_TOKEN, INBOUND_URL, form.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue()))));
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/sms/inbound"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(form.entrySet().stream()
                        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                        .collect(Collectors.joining("&")))).build();
    }
}
