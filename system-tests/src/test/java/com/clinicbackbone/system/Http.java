package com.clinicbackbone.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small JSON-over-HTTP client for the scenarios, as a front desk's script would call the APIs with a token. Every
 * exchange with a service whose OpenAPI document is registered ({@link #holdTo}) must keep it: an undocumented
 * path, parameter, field, status or content type fails the scenario there and then.
 */
final class Http {

    private static final JsonMapper json = JsonMapper.builder().build();
    /** The services' documents by origin ({@code http://127.0.0.1:8081}). */
    private static final Map<String, OpenApiContract> contracts = new ConcurrentHashMap<>();
    private final HttpClient client = HttpClient.newHttpClient();

    /** From now on every exchange with the service at {@code origin} is checked against its document. */
    static void holdTo(String origin, OpenApiContract contract) {
        contracts.put(origin, contract);
    }

    static void release(String origin) {
        contracts.remove(origin);
    }

    record Response(int status, JsonNode body) {
    }

    Response get(String url, String token) {
        return send(request(url, token).GET().build(), "");
    }

    Response post(String url, String token, Object body) {
        String text = json.writeValueAsString(body);
        return send(request(url, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(text)).build(), text);
    }

    Response put(String url, String token, Object body) {
        String text = json.writeValueAsString(body);
        return send(request(url, token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(text)).build(), text);
    }

    Response delete(String url, String token) {
        return send(request(url, token).DELETE().build(), "");
    }

    /** The OAuth 2.0 client-credentials grant, as the README shows it with curl. */
    String clientCredentialsToken(String tokenEndpoint, String clientId, String secret) {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        Response response = send(HttpRequest.newBuilder(URI.create(tokenEndpoint))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(), "");
        if (response.status() != 200) {
            throw new IllegalStateException("no token for " + clientId + ": " + response);
        }
        return response.body().get("access_token").asText();
    }

    private static HttpRequest.Builder request(String url, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private Response send(HttpRequest request, String requestBody) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            checkContract(request, requestBody, response);
            String body = response.body();
            return new Response(response.statusCode(), body == null || body.isBlank() ? null : json.readTree(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Fails unless the exchange keeps the document of the service it went to (when one is registered). */
    static void checkContract(HttpRequest request, String requestBody, HttpResponse<String> response) {
        URI uri = request.uri();
        OpenApiContract contract = contracts.get(uri.getScheme() + "://" + uri.getRawAuthority());
        // actuator endpoints (health, metrics) are operations' business, not part of the API documents
        if (contract == null || uri.getRawPath().startsWith("/actuator/")) {
            return;
        }
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        request.headers().map().forEach((name, values) -> headers.put(name, values.get(0)));
        List<String> violations = contract.violations(new OpenApiContract.Exchange(request.method(), uri, headers,
                requestBody, response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                response.body()));
        if (!violations.isEmpty()) {
            throw new AssertionError(request.method() + " " + uri + " answered " + response.statusCode()
                    + ", which breaks docs/api/" + contract.name() + ":\n  - " + String.join("\n  - ", violations)
                    + "\nresponse body: " + response.body());
        }
    }
}
