package com.clinicbackbone.auth;

import com.clinicbackbone.security.DemoPersona;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The issuer as the services and scripts use it: over HTTP on a real port, tokens checked against its JWKS. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class AuthServerTest {

    static final int PORT = freePort();
    static final String ISSUER = "http://127.0.0.1:" + PORT;
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Verifies like a resource server: issuer from discovery, signature against the JWKS, expiry. */
    static final JwtDecoder RESOURCE_SERVER =
            new SupplierJwtDecoder(() -> NimbusJwtDecoder.withIssuerLocation(ISSUER).build());

    @DynamicPropertySource
    static void issuerOnAFreePort(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        registry.add("auth.issuer", () -> ISSUER);
    }

    @ParameterizedTest
    @EnumSource(DemoPersona.class)
    void issuesAClientCredentialsTokenWithThePersonasClaims(DemoPersona persona) throws Exception {
        HttpResponse<String> response = token(persona.clientId(), "demo-secret");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("token_type").asString()).isEqualTo("Bearer");
        assertThat(body.get("expires_in").asLong()).isBetween(3590L, 3600L);
        Jwt jwt = RESOURCE_SERVER.decode(body.get("access_token").asString());
        assertThat(jwt.getHeaders()).containsEntry("alg", "RS256");
        assertThat(jwt.getIssuer()).hasToString(ISSUER);
        assertThat(jwt.getSubject()).isEqualTo(persona.clientId());
        assertThat(jwt.getAudience()).containsExactly("clinic-backbone");
        assertThat(Duration.between(jwt.getIssuedAt(), jwt.getExpiresAt())).isEqualTo(Duration.ofHours(1));
        assertThat(jwt.getClaimAsString("role")).isEqualTo(persona.role().name());
        assertThat(jwt.getClaims().get("clinic_ids")).isInstanceOf(List.class);
        assertThat(jwt.getClaimAsStringList("clinic_ids")).containsExactlyInAnyOrderElementsOf(persona.clinicIds());
        assertThat(jwt.getClaimAsString("patient_id")).isEqualTo(persona.patientId());
        assertThat(jwt.getClaimAsString("practitioner_id")).isEqualTo(persona.practitionerId());
    }

    /** The claims as the security contract spells them, for the persona working at two clinics. */
    @Test
    void putsThePractitionersClinicsAsAnArrayAndTheirId() throws Exception {
        String token = JSON.readTree(token("practitioner-maya-chen", "demo-secret").body()).get("access_token")
                .asString();

        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        JsonNode claims = JSON.readTree(payload);
        assertThat(claims.get("sub").asString()).isEqualTo("practitioner-maya-chen");
        assertThat(claims.get("role").asString()).isEqualTo("PRACTITIONER");
        assertThat(claims.get("clinic_ids").toString()).isEqualTo("[\"calgary-concussion\",\"running-shoe\"]");
        assertThat(claims.get("practitioner_id").asString()).isEqualTo("maya-chen");
        assertThat(claims.has("patient_id")).isFalse();
        // one audience is written as a plain string (RFC 7519 4.1.3), as Keycloak does; resource servers read a list
        assertThat(claims.get("aud").asString()).isEqualTo("clinic-backbone");
    }

    /** clinic-web's own token, for its public pages: a visitor who owns no record and works nowhere. */
    @Test
    void givesClinicWebAVisitorsTokenWithoutPatientOrClinics() throws Exception {
        HttpResponse<String> response = token("clinic-web", "demo-secret");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Jwt jwt = RESOURCE_SERVER.decode(JSON.readTree(response.body()).get("access_token").asString());
        assertThat(jwt.getSubject()).isEqualTo("clinic-web");
        assertThat(jwt.getClaimAsString("role")).isEqualTo("PATIENT");
        assertThat(jwt.getClaimAsStringList("clinic_ids")).isEmpty();
        assertThat(jwt.hasClaim("patient_id")).isFalse();
    }

    @Test
    void acceptsTheSecretInTheFormToo() throws Exception {
        HttpResponse<String> response = post("/oauth2/token", null,
                "grant_type=client_credentials&client_id=auditor&client_secret=demo-secret");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Jwt jwt = RESOURCE_SERVER.decode(JSON.readTree(response.body()).get("access_token").asString());
        assertThat(jwt.getClaimAsString("role")).isEqualTo("AUDITOR");
    }

    /** A secret stored at a lower cost than the encoder's would be re-hashed (about 0.1 s) on every request. */
    @Test
    void checksTheSecretWithoutReHashingIt(@Autowired RegisteredClientRepository clients) throws Exception {
        String stored = clients.findByClientId("operator").getClientSecret();

        assertThat(token("operator", "demo-secret").statusCode()).isEqualTo(200);
        assertThat(clients.findByClientId("operator").getClientSecret()).isEqualTo(stored);
    }

    @Test
    void refusesAWrongSecret() throws Exception {
        HttpResponse<String> response = token("frontdesk-running-shoe", "not-the-secret");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("invalid_client").doesNotContain("access_token");
    }

    @Test
    void refusesAnUnknownClient() throws Exception {
        assertThat(token("frontdesk-nowhere", "demo-secret").statusCode()).isEqualTo(401);
    }

    @Test
    void publishesTheDiscoveryDocument() throws Exception {
        HttpResponse<String> response = get("/.well-known/openid-configuration");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode discovery = JSON.readTree(response.body());
        assertThat(discovery.get("issuer").asString()).isEqualTo(ISSUER);
        assertThat(discovery.get("token_endpoint").asString()).isEqualTo(ISSUER + "/oauth2/token");
        assertThat(discovery.get("jwks_uri").asString()).isEqualTo(ISSUER + "/oauth2/jwks");
        assertThat(discovery.get("grant_types_supported").toString()).contains("client_credentials");
        assertThat(discovery.get("token_endpoint_auth_methods_supported").toString())
                .contains("client_secret_basic", "client_secret_post");
    }

    @Test
    void reportsHealthWithoutAToken() throws Exception {
        HttpResponse<String> response = get("/actuator/health");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).get("status").asString()).isEqualTo("UP");
    }

    @Test
    void letsPrometheusScrapeWithoutAToken() throws Exception {
        HttpResponse<String> response = get("/actuator/prometheus");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("jvm_memory_used_bytes{application=\"auth-server\"");
    }

    static HttpResponse<String> token(String clientId, String secret) throws Exception {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return post("/oauth2/token", "Basic " + basic, "grant_type=client_credentials");
    }

    private static HttpResponse<String> post(String path, String authorization, String form) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(ISSUER + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(ISSUER + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
