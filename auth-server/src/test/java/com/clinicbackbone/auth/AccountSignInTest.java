package com.clinicbackbone.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.clinicbackbone.auth.account.Account;
import com.clinicbackbone.auth.account.Accounts;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A self-registered account signs in to clinic-web (authorization code + PKCE) and gets a patient's tokens; once
 * clinic-web linked it to its record ({@code POST /accounts/link}, clinic-web's client only), the next tokens carry
 * the record.
 */
@SpringBootTest
@AutoConfigureMockMvc
class AccountSignInTest {

    static final String REDIRECT_URI = DemoClients.WEB_REDIRECT_URI;
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String PASSWORD = "correct horse";

    @Autowired
    MockMvc mvc;
    @Autowired
    JwtDecoder jwtDecoder;
    @Autowired
    Accounts accounts;
    @Autowired
    PasswordEncoder passwords;

    Account newAccount() {
        return accounts.create("New." + UUID.randomUUID().toString().substring(0, 8) + "@Example.org",
                passwords.encode(PASSWORD)).orElseThrow();
    }

    @Test
    void anAccountWithoutARecordGetsAPatientsTokenWithItsVerifiedEmailAndNoClinics() throws Exception {
        Account account = newAccount();

        JsonNode tokens = signInToClinicWeb(account.username().toUpperCase(), PASSWORD);

        Jwt access = jwtDecoder.decode(tokens.get("access_token").asString());
        assertThat(access.getSubject()).isEqualTo(account.id());
        assertThat(access.getAudience()).containsExactly("clinic-backbone");
        assertThat(access.getClaimAsString("role")).isEqualTo("PATIENT");
        assertThat(access.getClaimAsString("email")).isEqualTo(account.username());
        assertThat(access.getClaims().get("email_verified")).isEqualTo(true);
        assertThat(access.getClaimAsStringList("clinic_ids")).isEmpty();
        assertThat(access.hasClaim("patient_id")).isFalse();
        assertThat(access.hasClaim("practitioner_id")).isFalse();
        Jwt id = jwtDecoder.decode(tokens.get("id_token").asString());
        assertThat(id.getSubject()).isEqualTo(account.id());
        assertThat(id.getClaimAsString("preferred_username")).isEqualTo(account.username());
        assertThat(id.getClaimAsString("email")).isEqualTo(account.username());
        assertThat(id.getClaims().get("email_verified")).isEqualTo(true);
    }

    @Test
    void clinicWebLinksTheAccountAndItsNextTokensCarryTheRecordAndItsClinics() throws Exception {
        Account account = newAccount();

        MvcResult linked = link("clinic-web", "demo-secret", """
                {"username":"%s","patientId":"3c1f9a7e-1b2d-4e5f-8a9b-0c1d2e3f4a5b",
                 "clinicIds":["running-shoe","integrative-pain"]}""".formatted(account.username()));

        assertThat(linked.getResponse().getStatus()).isEqualTo(204);
        Jwt access = jwtDecoder.decode(signInToClinicWeb(account.username(), PASSWORD).get("access_token")
                .asString());
        assertThat(access.getClaimAsString("patient_id")).isEqualTo("3c1f9a7e-1b2d-4e5f-8a9b-0c1d2e3f4a5b");
        assertThat(access.getClaimAsStringList("clinic_ids")).containsExactly("integrative-pain", "running-shoe");
        assertThat(access.getClaimAsString("role")).isEqualTo("PATIENT");
    }

    @Test
    void theLinkEndpointRefusesEveryoneButClinicWeb() throws Exception {
        Account account = newAccount();
        String body = """
                {"username":"%s","patientId":"%s","clinicIds":["running-shoe"]}"""
                .formatted(account.username(), com.clinicbackbone.security.DemoPersona.ANN_LEE_ID);

        assertThat(link(null, null, body).getResponse().getStatus()).as("no credentials").isEqualTo(401);
        assertThat(link("clinic-web", "not-the-secret", body).getResponse().getStatus()).isEqualTo(401);
        assertThat(link("operator", "demo-secret", body).getResponse().getStatus()).as("another client")
                .isEqualTo(403);
        assertThat(link("patient-ben-roy", "demo-secret", body).getResponse().getStatus()).isEqualTo(403);
        assertThat(link(account.username(), PASSWORD, body).getResponse().getStatus())
                .as("a person's own password is not a client's").isEqualTo(401);
        assertThat(accounts.find(account.username()).orElseThrow().patientId()).isNull();
    }

    @Test
    void theLinkEndpointNamesWrongFieldsAndUnknownAccounts() throws Exception {
        MvcResult unknown = link("clinic-web", "demo-secret", """
                {"username":"nobody@example.org","patientId":"p-1","clinicIds":[]}""");
        MvcResult wrong = link("clinic-web", "demo-secret", """
                {"username":"","patientId":"not an id!","clinicIds":["running shoe"]}""");

        assertThat(unknown.getResponse().getStatus()).isEqualTo(404);
        assertThat(wrong.getResponse().getStatus()).isEqualTo(400);
        assertThat(wrong.getResponse().getContentAsString()).contains("username").contains("patientId")
                .contains("clinicIds");
    }

    @Test
    void personasStillGetTheirOwnClaims() throws Exception {
        Jwt access = jwtDecoder.decode(signInToClinicWeb("patient-ann-lee", "demo-secret").get("access_token")
                .asString());

        assertThat(access.getSubject()).isEqualTo("patient-ann-lee");
        assertThat(access.getClaimAsString("patient_id")).isEqualTo(
                com.clinicbackbone.security.DemoPersona.ANN_LEE_ID);
        assertThat(access.hasClaim("email")).isFalse();
    }

    private MvcResult link(String client, String secret, String body) throws Exception {
        var request = post("/accounts/link").contentType(MediaType.APPLICATION_JSON).content(body);
        if (client != null) {
            request.with(httpBasic(client, secret));
        }
        return mvc.perform(request).andReturn();
    }

    /** The authorization code grant as clinic-web runs it for a person: sign-in form, code with PKCE, tokens. */
    private JsonNode signInToClinicWeb(String username, String password) throws Exception {
        MvcResult signedIn = mvc.perform(formLogin("/login").user(username).password(password)).andReturn();
        assertThat(signedIn.getResponse().getRedirectedUrl()).doesNotContain("error");
        MockHttpSession session = (MockHttpSession) signedIn.getRequest().getSession(false);
        String verifier = randomVerifier();
        MvcResult authorized = mvc.perform(get("/oauth2/authorize").session(session)
                        .queryParam("response_type", "code").queryParam("client_id", "clinic-web")
                        .queryParam("redirect_uri", REDIRECT_URI).queryParam("scope", "openid")
                        .queryParam("state", "s1").queryParam("code_challenge", challengeOf(verifier))
                        .queryParam("code_challenge_method", "S256"))
                .andReturn();
        String code = UriComponentsBuilder.fromUriString(authorized.getResponse().getRedirectedUrl()).build()
                .getQueryParams().getFirst("code");
        assertThat(code).as(authorized.getResponse().getRedirectedUrl()).isNotBlank();
        MvcResult token = mvc.perform(post("/oauth2/token").with(httpBasic("clinic-web", "demo-secret"))
                        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .param("grant_type", "authorization_code").param("code", code)
                        .param("redirect_uri", REDIRECT_URI).param("code_verifier", verifier))
                .andReturn();
        assertThat(token.getResponse().getStatus()).as(token.getResponse().getContentAsString()).isEqualTo(200);
        return JSON.readTree(token.getResponse().getContentAsString());
    }

    private static String randomVerifier() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String challengeOf(String verifier) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }
}
