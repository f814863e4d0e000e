package com.clinicbackbone.web.desk;

import static org.assertj.core.api.Assertions.assertThat;

import com.clinicbackbone.web.RunningBackbone;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The services' HTTP APIs as a persona (client credentials), for the end-to-end tests to make their own data. */
public final class BackboneApi {

    public static final ZoneId CALGARY = ZoneId.of("America/Edmonton");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final RunningBackbone backbone;
    private final String token;

    private BackboneApi(RunningBackbone backbone, String token) {
        this.backbone = backbone;
        this.token = token;
    }

    public static BackboneApi as(RunningBackbone backbone, String persona) {
        String basic = Base64.getEncoder().encodeToString((persona + ":demo-secret").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(backbone.issuer() + "/oauth2/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new BackboneApi(backbone, read(response.body()).get("access_token").asString());
    }

    /** The Monday of a week at least {@code weeksAhead} weeks from now (clinic-local). */
    public static LocalDate mondayIn(int weeksAhead) {
        return LocalDate.now(CALGARY).plusWeeks(weeksAhead).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    /** A made-up name nobody else in the test run has (letters only, as patient names must be). */
    public static String uniqueName(String prefix) {
        StringBuilder name = new StringBuilder(prefix);
        for (int i = 0; i < 8; i++) {
            name.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
        }
        return name.toString();
    }

    /** Registers a patient at the clinic (201 new or 200 linked); answers the record. */
    public JsonNode registerPatient(String clinicId, String givenName, String familyName, String birthDate) {
        String phone = "+1403555" + String.format("%04d", ThreadLocalRandom.current().nextInt(10000));
        HttpResponse<String> response = post(backbone.patients("/api/patients"), Map.of("givenName", givenName,
                "familyName", familyName, "birthDate", birthDate,
                "email", (givenName + "." + familyName + "@example.org").toLowerCase(), "phone", phone,
                "language", "en", "channels", java.util.List.of("EMAIL", "SMS"), "clinicId", clinicId));
        assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
        return read(response.body());
    }

    /** The first free start of the service with the practitioner on the clinic-local date. */
    public Instant firstFree(String clinicId, String serviceId, String practitionerId, LocalDate date) {
        JsonNode slots = get(backbone.booking("/api/availability?clinicId=" + clinicId + "&serviceId=" + serviceId
                + "&practitionerId=" + practitionerId + "&from=" + date + "&to=" + date)).path("slots");
        assertThat(slots.size()).as("free starts on " + date).isPositive();
        return Instant.parse(slots.get(0).path("start").asString());
    }

    public JsonNode book(String clinicId, String serviceId, String practitionerId, String patientId, Instant start) {
        HttpResponse<String> response = post(backbone.booking("/api/appointments"), Map.of("clinicId", clinicId,
                "serviceId", serviceId, "practitionerId", practitionerId, "patientId", patientId,
                "start", start.toString()));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return read(response.body());
    }

    public JsonNode cancel(String appointmentId, String reason) {
        HttpResponse<String> response = post(backbone.booking("/api/appointments/" + appointmentId + "/cancel"),
                Map.of("reason", reason));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return read(response.body());
    }

    /** Extra working hours of the practitioner at the clinic (clinic-local date-times). */
    public void addExtraHours(String practitionerId, String clinicId, java.time.LocalDateTime from,
                       java.time.LocalDateTime to) {
        HttpResponse<String> response = post(backbone.booking("/api/practitioners/" + practitionerId + "/exceptions"),
                Map.of("kind", "EXTRA_HOURS", "clinicId", clinicId, "start", from.toString(), "end", to.toString()));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    /** The patient answers by SMS: the inbound webhook hears it as from the SMS provider (signed as it signs). */
    public void replyBySms(String from, String body) {
        String url = backbone.notifications("/api/sms/inbound");
        String sid = "SM" + java.util.UUID.randomUUID().toString().replace("-", "");
        java.util.TreeMap<String, String> params = new java.util.TreeMap<>(Map.of("AccountSid",
                "AC00000000000000000000000000000000", "ApiVersion", "2010-04-01", "Body", body, "From", from,
                "MessageSid", sid, "NumMedia", "0", "NumSegments", "1", "SmsMessageSid", sid, "SmsSid", sid,
                "SmsStatus", "received"));
        params.put("To", "+15875550100");
        String form = params.entrySet().stream().map(entry -> entry.getKey() + "="
                        + java.net.URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
                .collect(java.util.stream.Collectors.joining("&"));
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", com.clinicbackbone.localstack.TwilioSignature.of("demo-token", url, params))
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    /** The patient's courses as the desk sees them. */
    public JsonNode courses(String patientId) {
        return get(backbone.booking("/api/courses?patientId=" + patientId));
    }

    public JsonNode appointment(String id) {
        return get(backbone.booking("/api/appointments/" + id));
    }

    /** The clinic's appointments of a clinic-local day. */
    public JsonNode clinicDay(String clinicId, LocalDate date) {
        return get(backbone.booking("/api/appointments?clinicId=" + clinicId + "&date=" + date));
    }

    public JsonNode get(String url) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).GET().build());
        assertThat(response.statusCode()).as(url + " " + response.body()).isEqualTo(200);
        return read(response.body());
    }

    private HttpResponse<String> post(String url, Object body) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode read(String body) {
        return JSON.readTree(body);
    }
}
