package com.clinicbackbone.patient.patient.web;

import static com.clinicbackbone.security.TestJwts.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.clinicbackbone.patient.patient.InMemoryAccessLog;
import com.clinicbackbone.patient.patient.InMemoryPatients;
import com.clinicbackbone.patient.patient.PatientFixture;
import com.clinicbackbone.patient.patient.PatientRegistry;
import com.clinicbackbone.security.DemoPersona;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.JwtRequestPostProcessor;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.json.JsonMapper;

/** {@code POST /api/patients/self}: the email comes from the verified sign-in only. */
@WebMvcTest(PatientController.class)
@Import(PatientControllerTest.Registry.class)
class SelfRegistrationEndpointTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    InMemoryPatients patients;
    @Autowired
    InMemoryAccessLog accessLog;
    @Autowired
    PatientRegistry registry;

    @AfterEach
    void forget() {
        patients.clear();
        accessLog.clear();
    }

    /** A self-registered account's token: role PATIENT, no clinics, no patient id yet. */
    static JwtRequestPostProcessor account(Consumer<Jwt.Builder> claims) {
        return jwt().jwt(token -> {
            token.subject("3f0c2a9e-8d1b-4c55-9a57-2b8f1e0d6c11").audience(List.of("clinic-backbone"))
                    .claim("role", "PATIENT").claim("clinic_ids", List.of());
            claims.accept(token);
        }).authorities(new SimpleGrantedAuthority("ROLE_PATIENT"));
    }

    static JwtRequestPostProcessor verified(String email) {
        return account(token -> token.claim("email", email).claim("email_verified", true));
    }

    static Map<String, Object> form(String clinicId) {
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("givenName", "Zoé");
        form.put("familyName", "Martin");
        form.put("birthDate", "1991-02-03");
        form.put("phone", "+14035550177");
        form.put("language", "fr");
        form.put("clinicId", clinicId);
        return form;
    }

    ResultActions signUp(JwtRequestPostProcessor token, Map<String, Object> body) throws Exception {
        return mvc.perform(post("/api/patients/self").with(token).contentType(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsString(body)));
    }

    @Test
    void makesANewRecordWithTheSignInsVerifiedEmailIgnoringAnEmailInTheBody() throws Exception {
        Map<String, Object> body = form("calgary-concussion");
        body.put("email", "someone.else@example.org");

        String created = signUp(verified("Zoe.Martin@Example.org"), body)
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", org.hamcrest.Matchers.startsWith("/api/patients/")))
                .andExpect(jsonPath("$.email").value("zoe.martin@example.org"))
                .andExpect(jsonPath("$.givenName").value("Zoé"))
                .andExpect(jsonPath("$.channels", contains("EMAIL")))
                .andExpect(jsonPath("$.clinicIds", contains("calgary-concussion")))
                .andExpect(jsonPath("$.linkedExisting").value(false))
                .andReturn().getResponse().getContentAsString();

        assertThat(patients.find(json.readTree(created).get("id").asString())).isPresent();
    }

    @Test
    void linksTheRecordHoldingTheVerifiedEmailAndAnswersItWhole() throws Exception {
        String annId = json.readTree(mvc.perform(post("/api/patients").with(as(DemoPersona.FRONTDESK_RUNNING_SHOE))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(PatientFixture.ann().toJson())))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString()).get("id").asString();

        signUp(verified("ann.lee@example.org"), form("integrative-pain"))
                .andExpect(status().isOk())
                .andExpect(header().doesNotExist("Location"))
                .andExpect(jsonPath("$.id").value(annId))
                .andExpect(jsonPath("$.givenName").value("Ann"))
                .andExpect(jsonPath("$.phone").value("+14035550123"))
                .andExpect(jsonPath("$.clinicIds", contains("running-shoe", "integrative-pain")))
                .andExpect(jsonPath("$.linkedExisting").value(true));
    }

    @Test
    void refusesATokenWithoutAVerifiedEmail() throws Exception {
        signUp(account(token -> token.claim("email", "zoe@example.org")), form("running-shoe"))
                .andExpect(status().isForbidden());
        signUp(account(token -> token.claim("email", "zoe@example.org").claim("email_verified", false)),
                form("running-shoe")).andExpect(status().isForbidden());
        signUp(account(token -> token.claim("email_verified", true)), form("running-shoe"))
                .andExpect(status().isForbidden());

        assertThat(patients.size()).isZero();
    }

    @Test
    void refusesATokenThatHasAPatientIdAlready() throws Exception {
        signUp(account(token -> token.claim("email", "ann.lee@example.org").claim("email_verified", true)
                .claim("patient_id", DemoPersona.ANN_LEE_ID)), form("running-shoe"))
                .andExpect(status().isForbidden());

        assertThat(patients.size()).isZero();
    }

    @Test
    void refusesStaffEvenWithAVerifiedEmail() throws Exception {
        JwtRequestPostProcessor desk = jwt().jwt(token -> token.subject("frontdesk-running-shoe")
                        .claim("role", "FRONT_DESK").claim("clinic_ids", List.of("running-shoe"))
                        .claim("email", "desk@example.org").claim("email_verified", true))
                .authorities(new SimpleGrantedAuthority("ROLE_FRONT_DESK"));

        signUp(desk, form("running-shoe")).andExpect(status().isForbidden());
        assertThat(patients.size()).isZero();
    }

    @Test
    void namesTheWrongFieldsAndStoresNothing() throws Exception {
        Map<String, Object> body = form("nowhere");
        body.put("givenName", "");
        body.put("phone", "403");

        signUp(verified("zoe@example.org"), body)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", org.hamcrest.Matchers.containsInAnyOrder(
                        "givenName", "phone", "clinicId")));
        assertThat(patients.size()).isZero();
    }
}
