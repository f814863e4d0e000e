package com.clinicbackbone.auth.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The registration pages with a real SMTP server (GreenMail): the code goes out by mail, a wrong code is refused,
 * the account signs in; the pages do not tell who has an account.
 */
@SpringBootTest
@AutoConfigureMockMvc
class RegistrationTest {

    static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");

    @RegisterExtension
    static final GreenMailExtension mailServer = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withPerMethodLifecycle(false);

    @DynamicPropertySource
    static void mail(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> mailServer.getSmtp().getPort());
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    Accounts accounts;

    static String someone() {
        return "new." + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    }

    @Test
    void sendsACodeByMailWhichWithAPasswordMakesAnAccountThatSignsIn() throws Exception {
        String email = someone();
        MockHttpSession session = new MockHttpSession();

        MvcResult sent = mvc.perform(post("/register").session(session).with(csrf())
                .param("email", email.toUpperCase(Locale.ROOT))).andReturn();

        assertThat(sent.getResponse().getRedirectedUrl()).isEqualTo("/register/code");
        MimeMessage mail = onlyMailTo(email);
        assertThat(mail.getSubject()).isEqualTo("Your Clinic Backbone code");
        assertThat(mail.getFrom()[0].toString()).contains("no-reply@clinic-backbone.local");
        String code = codeIn(mail);
        String page = mvc.perform(get("/register/code").session(session)).andReturn().getResponse()
                .getContentAsString();
        assertThat(page).contains(email).contains("name=\"_csrf\"").doesNotContain(code);

        MvcResult created = mvc.perform(post("/register/code").session(session).with(csrf()).param("code", code)
                .param("password", "correct horse").param("passwordRepeat", "correct horse")).andReturn();

        assertThat(created.getResponse().getRedirectedUrl()).isEqualTo("/register/done");
        assertThat(accounts.find(email)).hasValueSatisfying(account -> {
            assertThat(account.username()).isEqualTo(email);
            assertThat(account.passwordHash()).startsWith("$2").doesNotContain("correct horse");
            assertThat(account.patientId()).isNull();
        });
        String done = mvc.perform(get("/register/done").session(session)).andReturn().getResponse()
                .getContentAsString();
        assertThat(done).contains("href=\"http://127.0.0.1:8090/me\"");
        MvcResult signedIn = mvc.perform(formLogin("/login").user(email).password("correct horse")).andReturn();
        assertThat(signedIn.getResponse().getRedirectedUrl()).doesNotContain("error");
        assertThat(mvc.perform(formLogin("/login").user(email).password("wrong horse!")).andReturn().getResponse()
                .getRedirectedUrl()).endsWith("/login?error");
    }

    @Test
    void refusesAWrongCodeAndVoidsTheCodeAfterFiveWrongAttempts() throws Exception {
        String email = someone();
        MockHttpSession session = new MockHttpSession();
        mvc.perform(post("/register").session(session).with(csrf()).param("email", email));
        String code = codeIn(onlyMailTo(email));
        String wrong = code.equals("000000") ? "111111" : "000000";

        MvcResult refused = createAccount(session, wrong, "correct horse");
        assertThat(refused.getResponse().getStatus()).isEqualTo(400);
        assertThat(refused.getResponse().getContentAsString()).contains("This code is wrong or has expired")
                .contains("id=\"code-error\"");
        assertThat(accounts.find(email)).isEmpty();
        for (int attempt = 2; attempt <= OneTimeCodes.ATTEMPTS; attempt++) {
            createAccount(session, wrong, "correct horse");
        }

        assertThat(createAccount(session, code, "correct horse").getResponse().getStatus()).isEqualTo(400);
        assertThat(accounts.find(email)).isEmpty();
    }

    @Test
    void checksThePasswordBeforeTheCodeSoATypoDoesNotUseUpAnAttempt() throws Exception {
        String email = someone();
        MockHttpSession session = new MockHttpSession();
        mvc.perform(post("/register").session(session).with(csrf()).param("email", email));
        String code = codeIn(onlyMailTo(email));

        for (int attempt = 1; attempt <= OneTimeCodes.ATTEMPTS; attempt++) {
            MvcResult tooShort = createAccount(session, code, "short");
            assertThat(tooShort.getResponse().getContentAsString()).contains("at least 10 characters")
                    .contains("id=\"password-error\"");
        }
        MvcResult different = mvc.perform(post("/register/code").session(session).with(csrf()).param("code", code)
                .param("password", "correct horse").param("passwordRepeat", "correct horses")).andReturn();
        assertThat(different.getResponse().getContentAsString()).contains("not the same");
        assertThat(createAccount(session, code, "x".repeat(65)).getResponse().getContentAsString())
                .contains("too long");

        assertThat(createAccount(session, code, "correct horse").getResponse().getRedirectedUrl())
                .isEqualTo("/register/done");
    }

    @Test
    void answersAnAddressWithAnAccountLikeAnyOtherAndMailsItANoteInsteadOfACode() throws Exception {
        String email = someone();
        accounts.create(email, "$2a$04$notarealhashnotarealhashnotarealhashnotarealhash12");
        String fresh = someone();
        MockHttpSession owner = new MockHttpSession();
        MockHttpSession stranger = new MockHttpSession();

        MvcResult known = mvc.perform(post("/register").session(owner).with(csrf()).param("email", email)).andReturn();
        MvcResult unknown = mvc.perform(post("/register").session(stranger).with(csrf()).param("email", fresh))
                .andReturn();

        assertThat(known.getResponse().getStatus()).isEqualTo(unknown.getResponse().getStatus());
        assertThat(known.getResponse().getRedirectedUrl()).isEqualTo(unknown.getResponse().getRedirectedUrl());
        String knownPage = mvc.perform(get("/register/code").session(owner)).andReturn().getResponse()
                .getContentAsString();
        String unknownPage = mvc.perform(get("/register/code").session(stranger)).andReturn().getResponse()
                .getContentAsString();
        assertThat(knownPage.replace(email, "ADDRESS").replaceAll("value=\"[^\"]+\"", ""))
                .isEqualTo(unknownPage.replace(fresh, "ADDRESS").replaceAll("value=\"[^\"]+\"", ""));
        MimeMessage note = onlyMailTo(email);
        assertThat(note.getSubject()).isEqualTo("Your Clinic Backbone account");
        assertThat(GreenMailUtil.getBody(note)).contains("you already have one");
        assertThat(CODE.matcher(GreenMailUtil.getBody(note)).find()).isFalse();

        String anyCode = codeIn(onlyMailTo(fresh));
        MvcResult tried = createAccount(owner, anyCode, "correct horse");
        assertThat(tried.getResponse().getContentAsString()).contains("This code is wrong or has expired");
    }

    @Test
    void sendsNoSecondMailWithinThirtySecondsButAnswersTheSame() throws Exception {
        String email = someone();
        MockHttpSession session = new MockHttpSession();
        mvc.perform(post("/register").session(session).with(csrf()).param("email", email));

        MvcResult again = mvc.perform(post("/register").session(session).with(csrf()).param("email", email))
                .andReturn();

        assertThat(again.getResponse().getRedirectedUrl()).isEqualTo("/register/code");
        assertThat(mailTo(email)).hasSize(1);
    }

    @Test
    void refusesAnInvalidAddressWithoutSendingAnything() throws Exception {
        int before = mailServer.getReceivedMessages().length;

        MvcResult refused = mvc.perform(post("/register").with(csrf()).param("email", "not-an-address")).andReturn();

        assertThat(refused.getResponse().getStatus()).isEqualTo(400);
        assertThat(refused.getResponse().getContentAsString()).contains("Enter a valid email address")
                .contains("aria-invalid=\"true\"");
        assertThat(mailServer.getReceivedMessages()).hasSize(before);
    }

    @Test
    void refusesAFormWithoutItsCsrfToken() throws Exception {
        String email = someone();

        MvcResult forged = mvc.perform(post("/register").param("email", email)).andReturn();

        assertThat(forged.getResponse().getStatus()).isEqualTo(403);
        assertThat(mailTo(email)).isEmpty();
    }

    @Test
    void sendsTheCodeFormBackToTheStartWithoutAnAddressInTheSession() throws Exception {
        assertThat(mvc.perform(get("/register/code")).andReturn().getResponse().getRedirectedUrl())
                .isEqualTo("/register");
        assertThat(mvc.perform(post("/register/code").with(csrf()).param("code", "123456")
                .param("password", "correct horse").param("passwordRepeat", "correct horse")).andReturn()
                .getResponse().getRedirectedUrl()).isEqualTo("/register");
    }

    @Test
    void speaksFrenchToAFrenchBrowserAndInTheMail() throws Exception {
        String email = someone();
        MockHttpSession session = new MockHttpSession();

        String page = mvc.perform(get("/register").session(session).locale(Locale.FRENCH)
                .header("Accept-Language", "fr-CA")).andReturn().getResponse().getContentAsString();
        mvc.perform(post("/register").session(session).with(csrf()).header("Accept-Language", "fr-CA")
                .param("email", email));

        assertThat(page).contains("<html lang=\"fr\">").contains("Créer votre compte patient");
        MimeMessage mail = onlyMailTo(email);
        assertThat(mail.getSubject()).isEqualTo("Votre code Clinic Backbone");
        assertThat(GreenMailUtil.getBody(mail)).contains("Il est valable 10 minutes");
    }

    private MvcResult createAccount(MockHttpSession session, String code, String password) throws Exception {
        return mvc.perform(post("/register/code").session(session).with(csrf()).param("code", code)
                .param("password", password).param("passwordRepeat", password)).andReturn();
    }

    private static List<MimeMessage> mailTo(String email) throws Exception {
        return Arrays.stream(mailServer.getReceivedMessages()).filter(message -> {
            try {
                return Arrays.stream(message.getRecipients(Message.RecipientType.TO))
                        .anyMatch(to -> to.toString().equalsIgnoreCase(email));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static MimeMessage onlyMailTo(String email) throws Exception {
        List<MimeMessage> received = mailTo(email);
        assertThat(received).as("mail to " + email).hasSize(1);
        return received.get(0);
    }

    private static String codeIn(MimeMessage mail) {
        Matcher code = CODE.matcher(GreenMailUtil.getBody(mail));
        assertThat(code.find()).as("a 6-digit code in " + GreenMailUtil.getBody(mail)).isTrue();
        return code.group(1);
    }
}
