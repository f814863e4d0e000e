package com.clinicbackbone.web.me;

import com.clinicbackbone.web.RunningBackbone;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The services' APIs as a persona (client credentials), for the data a test makes and the checks it does. */
final class BackboneApi {

    static final String ANN_LEE = "11111111-1111-4111-8111-111111111111";
    static final ZoneId CALGARY = ZoneId.of("America/Edmonton");
    static final String DESK = "frontdesk-running-shoe";

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RunningBackbone backbone;

    BackboneApi(RunningBackbone backbone) {
        this.backbone = backbone;
    }

    String token(String persona) {
        String basic = Base64.getEncoder().encodeToString((persona + ":demo-secret").getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(backbone.issuer() + "/oauth2/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build();
        return send(request, 200).path("access_token").asString();
    }

    JsonNode get(String url, String persona) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token(persona))
                .GET().build(), 200);
    }

    JsonNode post(String url, String persona, String json, int expectedStatus) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token(persona))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json))
                .build(), expectedStatus);
    }

    JsonNode put(String url, String persona, String json) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token(persona))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json))
                .build(), 200);
    }

    /** A new patient of Running Shoe (a stranger to Ann Lee). */
    String registerPatient() {
        String unique = UUID.randomUUID().toString().replaceAll("[^a-f]", "");
        return post(backbone.patients("/api/patients"), DESK, """
                {"givenName": "Test", "familyName": "Stranger%s", "birthDate": "1990-01-01",
                 "email": "stranger-%s@example.org", "language": "en", "channels": ["EMAIL"],
                 "clinicId": "running-shoe"}""".formatted(unique, unique), 201).path("id").asString();
    }

    /** The desk's free starts of a Running Shoe service with a practitioner between two clinic-local dates. */
    List<Instant> freeStarts(String serviceId, String practitionerId, LocalDate from, LocalDate to) {
        JsonNode slots = get(backbone.booking("/api/availability?clinicId=running-shoe&serviceId=" + serviceId
                + "&practitionerId=" + practitionerId + "&from=" + from + "&to=" + to), DESK).path("slots");
        List<Instant> starts = new ArrayList<>();
        slots.forEach(slot -> starts.add(Instant.parse(slot.path("start").asString())));
        return starts;
    }

    /** The desk books a patient at Running Shoe; the appointment's id. */
    String deskBooks(String patientId, String serviceId, String practitionerId, Instant start) {
        return post(backbone.booking("/api/appointments"), DESK, """
                {"clinicId": "running-shoe", "serviceId": "%s", "practitionerId": "%s", "patientId": "%s",
                 "start": "%s"}""".formatted(serviceId, practitionerId, patientId, start), 201).path("id").asString();
    }

    /** A physiotherapy follow-up with Maya Chen for the patient, a few days ahead (outside every online limit). */
    String deskBooksInAFewDays(String patientId) {
        LocalDate today = LocalDate.now(CALGARY);
        List<Instant> free = freeStarts("physio-follow-up", "maya-chen", today.plusDays(3), today.plusDays(30));
        return deskBooks(patientId, "physio-follow-up", "maya-chen", free.get(free.size() / 2));
    }

    String status(String appointmentId) {
        return get(backbone.booking("/api/appointments/" + appointmentId), DESK).path("status").asString();
    }

    private static JsonNode send(HttpRequest request, int expectedStatus) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expectedStatus) {
                throw new AssertionError(request.method() + " " + request.uri() + " answered "
                        + response.statusCode() + ": " + response.body());
            }
            return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
