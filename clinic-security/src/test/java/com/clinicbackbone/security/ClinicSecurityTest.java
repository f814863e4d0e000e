package com.clinicbackbone.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"clinic.security.public-paths=/api/callbacks/**",
                "management.endpoints.web.exposure.include=health,info,prometheus,metrics"})
class ClinicSecurityTest {

    static final TestIssuer issuer = TestIssuer.start();
    static final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void issuer(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", issuer::uri);
    }

    @AfterAll
    static void stopIssuer() {
        issuer.close();
    }

    @LocalServerPort
    int port;

    @Test
    void givesTheControllerTheCallerOfAValidToken() throws Exception {
        var response = get("/api/me", issuer.token(DemoPersona.PRACTITIONER_MAYA_CHEN));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"role\":\"PRACTITIONER\"", "\"practitionerId\":\"maya-chen\"",
                "running-shoe", "calgary-concussion", "\"subject\":\"practitioner-maya-chen\"");
    }

    @Test
    void answersWithoutATokenWith401ProblemJson() throws Exception {
        var response = get("/api/me", null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(response.body()).contains("\"status\":401");
    }

    @Test
    void refusesExpiredForgedMalformedAndForeignAudienceTokensAndUnknownRoles() throws Exception {
        for (String token : new String[] {issuer.expiredToken(DemoPersona.OPERATOR),
                issuer.forgedToken(DemoPersona.OPERATOR), "not.a.jwt",
                issuer.tokenForAudience(DemoPersona.OPERATOR, "another-api"), issuer.tokenWithRole("JANITOR")}) {
            assertThat(get("/api/me", token).statusCode()).as(token).isEqualTo(401);
        }
    }

    @Test
    void refusesATokenOfAnotherIssuer() throws Exception {
        try (TestIssuer stranger = TestIssuer.start()) {
            assertThat(get("/api/me", stranger.token(DemoPersona.AUDITOR)).statusCode()).isEqualTo(401);
        }
    }

    @Test
    void keepsHealthAndConfiguredCallbackPathsOpen() throws Exception {
        assertThat(get("/actuator/health", null).statusCode()).isEqualTo(200);
        var callback = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/callbacks/sms"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(callback.statusCode()).isEqualTo(200);
    }

    @Test
    void letsPrometheusScrapeWithoutATokenAndKeepsTheOtherActuatorEndpointsClosed() throws Exception {
        var scrape = get("/actuator/prometheus", null);
        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body()).contains("jvm_memory_used_bytes");
        assertThat(get("/actuator/metrics", null).statusCode()).isEqualTo(401);
        assertThat(get("/actuator/metrics", issuer.token(DemoPersona.OPERATOR)).statusCode()).isEqualTo(200);
    }

    @Test
    void answersADeniedRoleWith403ProblemJson() throws Exception {
        var response = get("/api/audit", issuer.token(DemoPersona.OPERATOR));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("\"status\":403");
        assertThat(get("/api/audit", issuer.token(DemoPersona.AUDITOR)).statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @SpringBootApplication
    @RestController
    static class App {
        @GetMapping("/api/me")
        Caller me(Caller caller) {
            return caller;
        }

        @GetMapping("/api/audit")
        @org.springframework.security.access.prepost.PreAuthorize("hasRole('AUDITOR')")
        Map<String, String> audit() {
            return Map.of("ok", "yes");
        }

        @PostMapping("/api/callbacks/sms")
        Map<String, String> callback() {
            return Map.of("ok", "yes");
        }
    }
}
