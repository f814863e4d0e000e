package com.clinicbackbone.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.json.JsonMapper;

/** The operator client also signs a person in for a console: authorization code with PKCE. */
@SpringBootTest
@AutoConfigureMockMvc
class ConsoleSignInTest {

    static final String REDIRECT_URI = "http://127.0.0.1:8080/login/oauth2/code/backbone";

    @Autowired
    MockMvc mvc;
    @Autowired
    JwtDecoder jwtDecoder;

    @Test
    void issuesTheSignedInOperatorATokenForACodeWithItsVerifier() throws Exception {
        String verifier = randomVerifier();
        MockHttpSession session = signIn("operator", "demo-secret");

        MvcResult authorized = mvc.perform(get("/oauth2/authorize").session(session)
                        .queryParam("response_type", "code").queryParam("client_id", "operator")
                        .queryParam("redirect_uri", REDIRECT_URI).queryParam("scope", "openid")
                        .queryParam("state", "s1").queryParam("code_challenge", challengeOf(verifier))
                        .queryParam("code_challenge_method", "S256"))
                .andReturn();

        assertThat(authorized.getResponse().getStatus()).isEqualTo(302);
        var redirect = UriComponentsBuilder.fromUriString(authorized.getResponse().getRedirectedUrl()).build();
        assertThat(redirect.getPath()).isEqualTo("/login/oauth2/code/backbone");
        assertThat(redirect.getQueryParams().getFirst("state")).isEqualTo("s1");
        String code = redirect.getQueryParams().getFirst("code");
        assertThat(code).isNotBlank();

        MvcResult token = mvc.perform(post("/oauth2/token").with(httpBasic("operator", "demo-secret"))
                        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .param("grant_type", "authorization_code").param("code", code)
                        .param("redirect_uri", REDIRECT_URI).param("code_verifier", verifier))
                .andReturn();

        assertThat(token.getResponse().getStatus()).as(token.getResponse().getContentAsString()).isEqualTo(200);
        Jwt jwt = jwtDecoder.decode(JsonMapper.builder().build().readTree(token.getResponse().getContentAsString())
                .get("access_token").asString());
        assertThat(jwt.getSubject()).isEqualTo("operator");
        assertThat(jwt.getClaimAsString("role")).isEqualTo("OPERATOR");
        assertThat(jwt.getAudience()).containsExactly("clinic-backbone");
    }

    @Test
    void refusesACodeRequestWithoutPkce() throws Exception {
        MvcResult result = mvc.perform(get("/oauth2/authorize").with(user("operator"))
                        .queryParam("response_type", "code").queryParam("client_id", "operator")
                        .queryParam("redirect_uri", REDIRECT_URI).queryParam("scope", "openid"))
                .andReturn();

        assertThat(result.getResponse().getRedirectedUrl()).startsWith(REDIRECT_URI).contains("error=invalid_request")
                .doesNotContain("code=");
    }

    @Test
    void refusesTheCodeGrantToAPersonaClientThatIsNotTheConsole() throws Exception {
        MvcResult result = mvc.perform(get("/oauth2/authorize").with(user("auditor"))
                        .queryParam("response_type", "code").queryParam("client_id", "auditor")
                        .queryParam("redirect_uri", REDIRECT_URI).queryParam("code_challenge", challengeOf(randomVerifier()))
                        .queryParam("code_challenge_method", "S256"))
                .andReturn();

        assertThat(result.getResponse().getStatus()).isEqualTo(400);
    }

    @Test
    void sendsABrowserWithoutASessionToTheSignInForm() throws Exception {
        MvcResult result = mvc.perform(get("/oauth2/authorize").accept(MediaType.TEXT_HTML)
                        .queryParam("response_type", "code").queryParam("client_id", "operator")
                        .queryParam("redirect_uri", REDIRECT_URI).queryParam("code_challenge", challengeOf(randomVerifier()))
                        .queryParam("code_challenge_method", "S256"))
                .andReturn();

        assertThat(result.getResponse().getStatus()).isEqualTo(302);
        assertThat(result.getResponse().getRedirectedUrl()).endsWith("/login");
    }

    @Test
    void refusesASignInWithAWrongPassword() throws Exception {
        MvcResult result = mvc.perform(formLogin("/login").user("operator").password("wrong")).andReturn();

        assertThat(result.getResponse().getRedirectedUrl()).endsWith("/login?error");
    }

    private MockHttpSession signIn(String user, String password) throws Exception {
        MvcResult result = mvc.perform(formLogin("/login").user(user).password(password)).andReturn();
        assertThat(result.getResponse().getRedirectedUrl()).doesNotContain("error");
        return (MockHttpSession) result.getRequest().getSession(false);
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
