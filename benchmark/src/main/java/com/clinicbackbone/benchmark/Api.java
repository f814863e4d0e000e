package com.clinicbackbone.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** HTTP calls to the stack as one demo persona: a client-credentials token from the issuer, then JSON requests. */
final class Api {

    static final JsonMapper JSON = JsonMapper.builder().build();

    record Answer(int status, String text) {

        JsonNode json() {
            return JSON.readTree(text);
        }
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String token;

    private Api(String token) {
        this.token = token;
    }

    /** Signs in as the persona (client id = persona, secret {@code demo-secret}); tokens live an hour. */
    static Api signIn(String issuer, String persona) {
        HttpClient client = HttpClient.newHttpClient();
        String basic = Base64.getEncoder().encodeToString((persona + ":demo-secret").getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(issuer + "/oauth2/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build();
        Answer answer = send(client, request);
        if (answer.status() != 200) {
            throw new IllegalStateException("No token for " + persona + ": " + answer.status() + " " + answer.text());
        }
        return new Api(answer.json().get("access_token").asString());
    }

    /** The bearer token, for callers that build their own requests. */
    String token() {
        return token;
    }

    Answer get(String url) {
        return send(http, HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(30)).GET().build());
    }

    Answer post(String url, Object body) {
        return send(http, HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build());
    }

    Answer put(String url, Object body) {
        return send(http, HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build());
    }

    static String query(String name, Object value) {
        return name + "=" + URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8);
    }

    private static Answer send(HttpClient client, HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
