package com.clinicbackbone.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A real OpenID Connect issuer for tests: discovery document and JWKS over HTTP on a random port, and tokens
 * with the backbone's claims signed by its key. Point a service at it with
 * {@code spring.security.oauth2.resourceserver.jwt.issuer-uri = issuer.uri()}.
 */
public final class TestIssuer implements AutoCloseable {

    public static final String AUDIENCE = "clinic-backbone";

    private final HttpServer server;
    private final RSAKey key;
    private final RSAKey strangerKey;
    private final String uri;

    private TestIssuer(HttpServer server, RSAKey key, RSAKey strangerKey) {
        this.server = server;
        this.key = key;
        this.strangerKey = strangerKey;
        this.uri = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public static TestIssuer start() {
        try {
            RSAKey key = new RSAKeyGenerator(2048).keyID("test-issuer").generate();
            RSAKey stranger = new RSAKeyGenerator(2048).keyID("test-issuer").generate();
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            TestIssuer issuer = new TestIssuer(server, key, stranger);
            server.createContext("/.well-known/openid-configuration", exchange -> issuer.json(exchange,
                    "{\"issuer\":\"" + issuer.uri + "\",\"jwks_uri\":\"" + issuer.uri + "/oauth2/jwks\","
                            + "\"token_endpoint\":\"" + issuer.uri + "/oauth2/token\","
                            + "\"subject_types_supported\":[\"public\"],"
                            + "\"id_token_signing_alg_values_supported\":[\"RS256\"]}"));
            server.createContext("/oauth2/jwks",
                    exchange -> issuer.json(exchange, new JWKSet(key.toPublicJWK()).toString()));
            server.start();
            return issuer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public String uri() {
        return uri;
    }

    /** Where this issuer publishes its keys. */
    public String jwkSetUri() {
        return uri + "/oauth2/jwks";
    }

    /** A valid token signed by this issuer's key but naming {@code issuer} as its issuer ({@code iss}). */
    public String tokenIssuedAs(String issuer, DemoPersona persona) {
        JWTClaimsSet claims = claims(persona.clientId(), persona.role().name(), persona.clinicIds(),
                persona.patientId(), persona.practitionerId(), AUDIENCE, Instant.now().plus(Duration.ofHours(1)));
        return sign(key, new JWTClaimsSet.Builder(claims).issuer(issuer).build());
    }

    public String token(DemoPersona persona) {
        return sign(key, claims(persona.clientId(), persona.role().name(), persona.clinicIds(), persona.patientId(),
                persona.practitionerId(), AUDIENCE, Instant.now().plus(Duration.ofHours(1))));
    }

    public String token(Role role, Set<String> clinicIds, String patientId, String practitionerId) {
        return sign(key, claims("test-" + role.name().toLowerCase(), role.name(), clinicIds, patientId, practitionerId,
                AUDIENCE, Instant.now().plus(Duration.ofHours(1))));
    }

    public String expiredToken(DemoPersona persona) {
        return sign(key, claims(persona.clientId(), persona.role().name(), persona.clinicIds(), persona.patientId(),
                persona.practitionerId(), AUDIENCE, Instant.now().minus(Duration.ofHours(1))));
    }

    public String tokenForAudience(DemoPersona persona, String audience) {
        return sign(key, claims(persona.clientId(), persona.role().name(), persona.clinicIds(), persona.patientId(),
                persona.practitionerId(), audience, Instant.now().plus(Duration.ofHours(1))));
    }

    /** Same claims and key id, signed by a key the issuer never published. */
    public String forgedToken(DemoPersona persona) {
        return sign(strangerKey, claims(persona.clientId(), persona.role().name(), persona.clinicIds(),
                persona.patientId(), persona.practitionerId(), AUDIENCE, Instant.now().plus(Duration.ofHours(1))));
    }

    /** A token with a role the backbone does not know. */
    public String tokenWithRole(String role) {
        return sign(key, claims("stranger", role, Set.of(), null, null, AUDIENCE,
                Instant.now().plus(Duration.ofHours(1))));
    }

    private JWTClaimsSet claims(String subject, String role, Set<String> clinicIds, String patientId,
                                String practitionerId, String audience, Instant expiry) {
        var claims = new JWTClaimsSet.Builder().issuer(uri).subject(subject).audience(audience)
                .jwtID(UUID.randomUUID().toString()).issueTime(Date.from(expiry.minus(Duration.ofHours(2))))
                .notBeforeTime(Date.from(expiry.minus(Duration.ofHours(2)))).expirationTime(Date.from(expiry))
                .claim(Caller.ROLE, role).claim(Caller.CLINIC_IDS, List.copyOf(clinicIds));
        if (patientId != null) {
            claims.claim(Caller.PATIENT_ID, patientId);
        }
        if (practitionerId != null) {
            claims.claim(Caller.PRACTITIONER_ID, practitionerId);
        }
        return claims.build();
    }

    private static String sign(RSAKey signingKey, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.getKeyID()).build(),
                    claims);
            jwt.sign(new RSASSASigner(signingKey));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private void json(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
