package com.clinicbackbone.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * docker-compose's case: tokens name an issuer this service cannot reach (Keycloak's browser-facing URL), so the
 * keys come from {@code jwk-set-uri} (the back channel) while {@code iss} is still checked against {@code issuer-uri}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class JwkSetUriTest {

    /** Nothing answers here: discovery at this URL would fail. */
    static final String UNREACHABLE_ISSUER = "http://127.0.0.1:1/realms/clinic-backbone";
    static final TestIssuer keys = TestIssuer.start();
    static final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void issuer(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", () -> UNREACHABLE_ISSUER);
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", keys::jwkSetUri);
    }

    @AfterAll
    static void stopIssuer() {
        keys.close();
    }

    @LocalServerPort
    int port;

    @Test
    void acceptsATokenOfTheConfiguredIssuerSignedWithAKeyFromTheJwkSetUri() throws Exception {
        assertThat(get(keys.tokenIssuedAs(UNREACHABLE_ISSUER, DemoPersona.PATIENT_ANN_LEE)).statusCode()).isEqualTo(200);
    }

    @Test
    void stillRefusesATokenNamingAnotherIssuer() throws Exception {
        assertThat(get(keys.token(DemoPersona.PATIENT_ANN_LEE)).statusCode()).isEqualTo(401);
    }

    private HttpResponse<String> get(String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/me"))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @SpringBootApplication
    @RestController
    static class App {
        @GetMapping("/api/me")
        Caller me(Caller caller) {
            return caller;
        }
    }
}
