package com.clinicbackbone.web.signup;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.clinicbackbone.web.WebProperties;
import com.clinicbackbone.web.backbone.BackboneProblem;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.web.client.RestClient;

/**
 * The sign-up's account link on Keycloak, against a fake with the shapes of Keycloak 26's token endpoint and Admin
 * REST API ({@code GET}/{@code PUT /admin/realms/{realm}/users/{id}}).
 */
class KeycloakAccountLinkTest {

    static final String REALM = "/realms/clinic-backbone";
    static final String TOKEN = REALM + "/protocol/openid-connect/token";
    static final String SUB = "0b6f7c2e-5d1a-4c8e-9f3b-2a7d9e4c1f60";
    static final String USER = "/admin" + REALM + "/users/" + SUB;
    static final String ADMIN_TOKEN = "eyJhbGciOiJSUzI1NiJ9.service-account.signature";

    /** A self-registered account as Keycloak's admin API returns it (email as username, verified, a locale). */
    static final String ACCOUNT = """
            {"id":"%s","username":"zoe@example.org","firstName":"Zoé","lastName":"Martin",
             "email":"zoe@example.org","emailVerified":true,"attributes":{"locale":["fr"]},
             "createdTimestamp":1767225600000,"enabled":true,"totp":false,"disableableCredentialTypes":[],
             "requiredActions":[],"notBefore":0,
             "access":{"manageGroupMembership":true,"view":true,"mapRoles":true,"impersonate":false,"manage":true}}
            """.formatted(SUB);

    final WireMockServer keycloak = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    KeycloakAccountLink link;

    @BeforeEach
    void start() {
        keycloak.start();
        link = new KeycloakAccountLink(visitor(keycloak.baseUrl() + TOKEN), RestClient.builder(),
                new WebProperties(null, null, null, null, null, Duration.ofSeconds(5)),
                keycloak.baseUrl() + "/admin" + REALM + "/");
    }

    @AfterEach
    void stop() {
        keycloak.stop();
    }

    static ClientRegistration visitor(String tokenUri) {
        return ClientRegistration.withRegistrationId("visitor").clientId("clinic-web").clientSecret("demo-secret")
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS).tokenUri(tokenUri).build();
    }

    /** The signed-in person: Keycloak's user id as sub, the verified email. */
    static OidcUser person(String sub) {
        OidcIdToken idToken = new OidcIdToken("id-token", Instant.now(), Instant.now().plusSeconds(60),
                Map.of("sub", sub, "email", "zoe@example.org", "email_verified", true,
                        "preferred_username", "zoe@example.org"));
        return new DefaultOidcUser(List.of(new SimpleGrantedAuthority("ROLE_PATIENT")), idToken, "sub");
    }

    void keycloakAnswers() {
        keycloak.stubFor(post(TOKEN).willReturn(okJson("""
                {"access_token":"%s","expires_in":300,"refresh_expires_in":0,"token_type":"Bearer",
                 "not-before-policy":0,"scope":"email profile"}""".formatted(ADMIN_TOKEN))));
        keycloak.stubFor(get(USER).willReturn(okJson(ACCOUNT)));
        keycloak.stubFor(put(USER).willReturn(aResponse().withStatus(204)));
    }

    @Test
    void writesTheRecordIntoTheAttributesOfTheAccountNamedByTheTokensSubject() {
        keycloakAnswers();

        link.link(person(SUB), "p-42", List.of("running-shoe", "integrative-pain"));

        // client credentials as clinic-web's service account
        keycloak.verify(postRequestedFor(urlEqualTo(TOKEN))
                .withBasicAuth(new com.github.tomakehurst.wiremock.client.BasicCredentials("clinic-web",
                        "demo-secret"))
                .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded"))
                .withRequestBody(equalTo("grant_type=client_credentials")));
        keycloak.verify(getRequestedFor(urlEqualTo(USER)).withHeader("Authorization", equalTo("Bearer " + ADMIN_TOKEN)));
        // the whole representation goes back (the user profile removes an editable attribute left out), with the
        // record added and nothing else changed; clinics sorted, role left to the realm's default group
        keycloak.verify(putRequestedFor(urlEqualTo(USER))
                .withHeader("Authorization", equalTo("Bearer " + ADMIN_TOKEN))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("""
                        {"id":"%s","username":"zoe@example.org","firstName":"Zoé","lastName":"Martin",
                         "email":"zoe@example.org","emailVerified":true,
                         "attributes":{"locale":["fr"],"patient_id":["p-42"],
                                       "clinic_ids":["integrative-pain","running-shoe"]},
                         "createdTimestamp":1767225600000,"enabled":true,"totp":false,
                         "disableableCredentialTypes":[],"requiredActions":[],"notBefore":0,
                         "access":{"manageGroupMembership":true,"view":true,"mapRoles":true,
                                   "impersonate":false,"manage":true}}""".formatted(SUB))));
    }

    @Test
    void replacesAnEarlierLinkWhenTheSignUpIsRepeated() {
        keycloakAnswers();
        keycloak.stubFor(get(USER).willReturn(okJson(ACCOUNT.replace("\"attributes\":{\"locale\":[\"fr\"]}",
                "\"attributes\":{\"patient_id\":[\"p-41\"],\"clinic_ids\":[\"calgary-concussion\"]}"))));

        link.link(person(SUB), "p-42", List.of("running-shoe"));

        keycloak.verify(putRequestedFor(urlEqualTo(USER)).withRequestBody(equalToJson("""
                {"attributes":{"patient_id":["p-42"],"clinic_ids":["running-shoe"]}}""", true, true)));
    }

    @Test
    void tellsTheRefusalWhenClinicWebMayNotManageUsers() {
        keycloakAnswers();
        keycloak.stubFor(put(USER).willReturn(aResponse().withStatus(403).withHeader("Content-Type",
                "application/json").withBody("{\"error\":\"HTTP 403 Forbidden\"}")));

        assertThatThrownBy(() -> link.link(person(SUB), "p-42", List.of("running-shoe")))
                .isInstanceOfSatisfying(BackboneProblem.class, problem -> assertThat(problem.status()).isEqualTo(403));
    }

    @Test
    void changesNoAccountWhenTheServiceAccountGetsNoToken() {
        keycloakAnswers();
        keycloak.stubFor(post(TOKEN).willReturn(aResponse().withStatus(401).withHeader("Content-Type",
                "application/json").withBody("""
                {"error":"unauthorized_client","error_description":"Invalid client or Invalid client credentials"}""")));

        assertThatThrownBy(() -> link.link(person(SUB), "p-42", List.of("running-shoe")))
                .isInstanceOfSatisfying(BackboneProblem.class, problem -> assertThat(problem.status()).isEqualTo(401));
        assertThat(keycloak.findAll(anyRequestedFor(anyUrl()))).hasSize(1);
    }

    @Test
    void writesNothingForAnAccountKeycloakDoesNotKnow() {
        keycloakAnswers();
        String other = "7d3c0a91-0000-4000-8000-000000000000";
        keycloak.stubFor(get("/admin" + REALM + "/users/" + other).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody("{\"error\":\"User not found\"}")));

        assertThatThrownBy(() -> link.link(person(other), "p-42", List.of("running-shoe")))
                .isInstanceOfSatisfying(BackboneProblem.class, problem -> assertThat(problem.status()).isEqualTo(404));
        keycloak.verify(0, putRequestedFor(anyUrl()));
    }

    /** web.signup.account-link picks the adapter; the local issuer's stays the default. */
    @Test
    void choosesTheAdapterByConfiguration() {
        ApplicationContextRunner runner = new ApplicationContextRunner()
                .withBean(ClientRegistrationRepository.class,
                        () -> new InMemoryClientRegistrationRepository(visitor("http://127.0.0.1:9/token")))
                .withBean(RestClient.Builder.class, RestClient::builder)
                .withBean(WebProperties.class,
                        () -> new WebProperties("http://127.0.0.1:9000", null, null, null, null, Duration.ofSeconds(5)))
                .withUserConfiguration(LocalIssuerAccountLink.class, KeycloakAccountLink.class);

        runner.run(context -> assertThat(context).getBean(AccountLink.class).isInstanceOf(LocalIssuerAccountLink.class));
        runner.withPropertyValues("web.signup.account-link=local").run(context ->
                assertThat(context).getBean(AccountLink.class).isInstanceOf(LocalIssuerAccountLink.class));
        runner.withPropertyValues("web.signup.account-link=keycloak",
                        "web.signup.keycloak-admin-uri=http://keycloak:8080/admin/realms/clinic-backbone",
                        "web.signup.keycloak-admin-client-secret=demo-secret")
                .run(context -> assertThat(context).getBean(AccountLink.class)
                        .isInstanceOf(KeycloakAccountLink.class));
    }
}
