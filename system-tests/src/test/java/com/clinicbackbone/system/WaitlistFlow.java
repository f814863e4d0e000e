package com.clinicbackbone.system;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.clinicbackbone.security.DemoPersona;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * Issue 13's waitlist across the running services, signed in as Running Shoe's front desk: a patient waits for a
 * physiotherapy follow-up with Maya Chen; another patient's cancellation frees the time; booking-service holds it and
 * offers it; notification-service texts the offer; the patient's Y (through Twilio's signed inbound webhook) goes back
 * to booking-service, which books it for them; the booking's confirmation goes out. And an offer nobody answers
 * expires (the stack's offer window is {@link Backbone#OFFER_WINDOW}) and goes to the next patient waiting.
 */
final class WaitlistFlow {

    private static final Duration ASYNC = Duration.ofSeconds(60);
    private static final ZoneId CALGARY = ZoneId.of("America/Edmonton");

    private final Http http = new Http();
    private final Backbone backbone;
    private final FrontDesk desk;
    private final WireMockServer sms;
    private final TwilioInbound inbound;
    private final String frontDesk;

    WaitlistFlow(Backbone backbone, WireMockServer sms) {
        this.backbone = backbone;
        this.sms = sms;
        this.desk = new FrontDesk(backbone);
        this.inbound = new TwilioInbound(backbone.notification("/api/sms/inbound"));
        this.frontDesk = backbone.token(DemoPersona.FRONTDESK_RUNNING_SHOE);
    }

    /** Waitlist, a cancellation by another patient, the offer SMS, Y, booked for the waitlisted patient, confirmed. */
    void cancellationOfferedAndTakenBySms() {
        desk.useDayAndNightPolicy();
        PatientData waiting = PatientData.distinctive();
        String waitingId = desk.register(waiting);
        String otherId = desk.register(PatientData.distinctive());
        Instant start = BookingFlow.mayaAtRunningShoe(12, LocalTime.of(10, 0));
        String cancelled = desk.book(otherId, start);
        String entry = join(waitingId, start);

        cancel(cancelled);

        String offer = awaitSms(waiting.phone(), "spot opened");
        assertThat(offer).startsWith("RS Clinic: a 10:00 AM spot opened on").endsWith("Reply Y to take it, N to pass.")
                .doesNotContain(waiting.givenName(), waiting.familyName(), "physio", "Running Shoe");
        JsonNode offered = entry(entry);
        assertThat(offered.get("status").asText()).isEqualTo("OFFERED");
        assertThat(Instant.parse(offered.get("offer").get("start").asText())).isEqualTo(start);

        var yes = inbound.reply(waiting.phone(), "Y");
        assertThat(yes.status()).as("Y: %s", yes.body()).isEqualTo(200);
        assertThat(yes.body()).contains("we are booking the spot on");

        JsonNode booked = await("the waitlisted patient is booked").atMost(ASYNC).until(() -> entry(entry),
                it -> it.get("status").asText().equals("BOOKED"));
        JsonNode appointment = appointment(booked.get("appointmentId").asText());
        assertThat(appointment.get("patientId").asText()).isEqualTo(waitingId);
        assertThat(appointment.get("status").asText()).isEqualTo("BOOKED");
        assertThat(Instant.parse(appointment.get("start").asText())).isEqualTo(start);
        assertThat(awaitSms(waiting.phone(), "your appointment is booked for")).contains("10:00 AM");
    }

    /** The first patient waiting lets the offer expire; the second one gets it and takes it. */
    void unansweredOfferExpiresAndGoesToTheNextPatient() {
        desk.useDayAndNightPolicy();
        PatientData first = PatientData.distinctive();
        PatientData second = PatientData.distinctive();
        String firstId = desk.register(first);
        String secondId = desk.register(second);
        String otherId = desk.register(PatientData.distinctive());
        Instant start = BookingFlow.mayaAtRunningShoe(14, LocalTime.of(14, 0));
        String cancelled = desk.book(otherId, start);
        String firstEntry = join(firstId, start);
        String secondEntry = join(secondId, start);

        cancel(cancelled);

        awaitSms(first.phone(), "spot opened");
        assertThat(entry(secondEntry).get("status").asText()).isEqualTo("WAITING");
        Instant offeredAt = Instant.now();

        assertThat(awaitSms(second.phone(), "2:00 PM spot opened")).contains("Reply Y");
        assertThat(Duration.between(offeredAt, Instant.now())).as("after the first offer expired")
                .isGreaterThan(Backbone.OFFER_WINDOW.minusSeconds(5));
        assertThat(entry(firstEntry).get("status").asText()).isEqualTo("WAITING");
        assertThat(entry(secondEntry).get("status").asText()).isEqualTo("OFFERED");
        var late = inbound.reply(first.phone(), "Y");
        assertThat(late.body()).contains("no longer open");

        assertThat(inbound.reply(second.phone(), "y").body()).contains("we are booking the spot on");
        JsonNode booked = await("the second patient is booked").atMost(ASYNC).until(() -> entry(secondEntry),
                it -> it.get("status").asText().equals("BOOKED"));
        assertThat(appointment(booked.get("appointmentId").asText()).get("patientId").asText()).isEqualTo(secondId);
        assertThat(entry(firstEntry).get("status").asText()).isEqualTo("WAITING");
    }

    private String join(String patientId, Instant start) {
        String date = start.atZone(CALGARY).toLocalDate().toString();
        var added = http.post(backbone.booking("/api/waitlist"), frontDesk, Map.of("clinicId", "running-shoe",
                "serviceId", "physio-follow-up", "practitionerId", "maya-chen", "patientId", patientId,
                "from", date, "to", date));
        assertThat(added.status()).as("waitlist: %s", added.body()).isEqualTo(201);
        assertThat(added.body().get("status").asText()).isEqualTo("WAITING");
        return added.body().get("id").asText();
    }

    private void cancel(String appointmentId) {
        var cancelled = http.post(backbone.booking("/api/appointments/" + appointmentId + "/cancel"), frontDesk,
                Map.of("reason", "patient called"));
        assertThat(cancelled.status()).as("cancel: %s", cancelled.body()).isEqualTo(200);
    }

    private JsonNode entry(String id) {
        var response = http.get(backbone.booking("/api/waitlist/" + id), frontDesk);
        assertThat(response.status()).isEqualTo(200);
        return response.body();
    }

    private JsonNode appointment(String id) {
        var response = http.get(backbone.booking("/api/appointments/" + id), frontDesk);
        assertThat(response.status()).isEqualTo(200);
        return response.body();
    }

    /** The text of the first SMS to the number saying that (awaited). */
    private String awaitSms(String phone, String saying) {
        return await("SMS to the patient saying '" + saying + "'").atMost(ASYNC).until(() -> smsTo(phone).stream()
                .filter(body -> body.contains(saying)).findFirst().orElse(null), body -> body != null);
    }

    private List<String> smsTo(String phone) {
        return sms.findAll(postRequestedFor(urlPathMatching(BookingFlow.SMS_PATH))).stream().map(request ->
                Arrays.stream(request.getBodyAsString().split("&")).map(pair -> pair.split("=", 2))
                        .collect(Collectors.toMap(kv -> URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                                kv -> kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "",
                                (a, b) -> b)))
                .filter(form -> phone.equals(form.get("To"))).map(form -> form.get("Body")).toList();
    }
}
