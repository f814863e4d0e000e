package com.clinicbackbone.patient.patient.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import static com.clinicbackbone.security.TestJwts.as;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import com.clinicbackbone.patient.patient.InMemoryAccessLog;
import com.clinicbackbone.patient.patient.InMemoryPatients;
import com.clinicbackbone.patient.patient.InMemoryPractitionerPatients;
import com.clinicbackbone.patient.patient.PatientFixture;
import com.clinicbackbone.patient.patient.PatientRegistry;
import com.clinicbackbone.security.DemoPersona;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.json.JsonMapper;

@WebMvcTest(PatientController.class)
@Import(PatientControllerTest.Registry.class)
class PatientControllerTest {

    static final DemoPersona DESK = DemoPersona.FRONTDESK_RUNNING_SHOE;

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    InMemoryPatients patients;
    @Autowired
    InMemoryAccessLog accessLog;

    @AfterEach
    void forget() {
        patients.clear();
        accessLog.clear();
    }

    @Test
    void registersAPatientAndAnswersCreatedWithItsLocation() throws Exception {
        String body = register(PatientFixture.ann().with("email", "Ann.Lee@Example.ORG"))
                .andExpect(status().isCreated())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.givenName").value("Ann"))
                .andExpect(jsonPath("$.familyName").value("Lee"))
                .andExpect(jsonPath("$.birthDate").value("1984-03-02"))
                .andExpect(jsonPath("$.email").value("ann.lee@example.org"))
                .andExpect(jsonPath("$.phone").value("+14035550123"))
                .andExpect(jsonPath("$.language").value("en"))
                .andExpect(jsonPath("$.channels", contains("EMAIL", "SMS")))
                .andExpect(jsonPath("$.clinicId").value("running-shoe"))
                .andExpect(jsonPath("$.clinicIds", contains("running-shoe")))
                .andExpect(jsonPath("$.revision").value(1))
                .andExpect(jsonPath("$.registeredAt").value("2026-05-04T15:30:00.123Z"))
                .andExpect(jsonPath("$.linkedExisting").value(false))
                .andReturn().getResponse().getContentAsString();

        String id = json.readTree(body).get("id").asString();
        assertThat(patients.find(id)).isPresent();
        mvc.perform(get("/api/patients/" + id).with(as(DESK))).andExpect(header().doesNotExist("Location"))
                .andExpect(jsonPath("$.linkedExisting").doesNotExist());
    }

    @Test
    void answersTheLocationOfTheNewPatient() throws Exception {
        String location = register(PatientFixture.ann()).andReturn().getResponse().getHeader("Location");

        assertThat(location).matches("/api/patients/[0-9a-f-]{36}");
        mvc.perform(get(location).with(as(DESK))).andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(location.substring("/api/patients/".length())))
                .andExpect(jsonPath("$.email").value("ann.lee@example.org"))
                .andExpect(jsonPath("$.registeredAt").value("2026-05-04T15:30:00.123Z"));
    }

    @Test
    void acceptsAPatientWithoutPhoneWhoWantsEmailOnly() throws Exception {
        register(PatientFixture.ann().without("phone").with("channels", List.of("EMAIL")))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.phone").doesNotExist());
    }

    static Stream<Arguments> invalidRegistrations() {
        return Stream.of(
                Arguments.of("givenName", PatientFixture.ann().without("givenName")),
                Arguments.of("givenName", PatientFixture.ann().with("givenName", "   ")),
                Arguments.of("givenName", PatientFixture.ann().with("givenName", "A".repeat(101))),
                Arguments.of("familyName", PatientFixture.ann().with("familyName", "")),
                Arguments.of("familyName", PatientFixture.ann().with("familyName", "L".repeat(101))),
                Arguments.of("birthDate", PatientFixture.ann().without("birthDate")),
                Arguments.of("birthDate", PatientFixture.ann().with("birthDate", "2026-05-04")),
                Arguments.of("birthDate", PatientFixture.ann().with("birthDate", "2030-01-01")),
                Arguments.of("birthDate", PatientFixture.ann().with("birthDate", "02/03/1984")),
                Arguments.of("birthDate", PatientFixture.ann().with("birthDate", "1984-02-30")),
                Arguments.of("email", PatientFixture.ann().with("email", "ann.lee")),
                Arguments.of("email", PatientFixture.ann().with("email", "ann@example")),
                Arguments.of("email", PatientFixture.ann().without("email")),
                Arguments.of("email", PatientFixture.ann().without("phone").without("email")
                        .with("channels", List.of("EMAIL"))),
                Arguments.of("phone", PatientFixture.ann().with("phone", "4035550123")),
                Arguments.of("phone", PatientFixture.ann().with("phone", "+04035550123")),
                Arguments.of("phone", PatientFixture.ann().with("phone", "+1403555")),
                Arguments.of("phone", PatientFixture.ann().without("phone")),
                Arguments.of("phone", PatientFixture.ann().with("phone", "+1-403").with("channels", List.of("EMAIL"))),
                Arguments.of("language", PatientFixture.ann().with("language", "de")),
                Arguments.of("language", PatientFixture.ann().with("language", "EN")),
                Arguments.of("language", PatientFixture.ann().without("language")),
                Arguments.of("channels", PatientFixture.ann().with("channels", List.of())),
                Arguments.of("channels", PatientFixture.ann().without("channels")),
                Arguments.of("channels", PatientFixture.ann().with("channels", List.of("EMAIL", "FAX"))),
                Arguments.of("channels", PatientFixture.ann().with("channels", "EMAIL")),
                Arguments.of("clinicId", PatientFixture.ann().with("clinicId", "unknown-clinic")),
                Arguments.of("clinicId", PatientFixture.ann().without("clinicId")),
                Arguments.of("clinicId", PatientFixture.ann().with("clinicId", List.of("running-shoe"))));
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("invalidRegistrations")
    void rejectsAnInvalidFieldNamingItAndStoresNothing(String field, PatientFixture registration) throws Exception {
        register(registration)
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.detail").value(containsString(field)))
                .andExpect(jsonPath("$.errors[*].field", contains(field)))
                .andExpect(jsonPath("$.errors[0].message").isNotEmpty());

        assertThat(patients.size()).isZero();
    }

    @Test
    void namesEveryWrongFieldAtOnce() throws Exception {
        register(PatientFixture.ann().with("givenName", "").with("email", "nope").with("clinicId", "x"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", contains("givenName", "email", "clinicId")))
                .andExpect(jsonPath("$.detail").value("Invalid givenName, email, clinicId."));
    }

    @Test
    void neverEchoesTheSubmittedValues() throws Exception {
        register(PatientFixture.ann().with("email", "secret.person@nowhere"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(org.hamcrest.Matchers.not(containsString("secret.person"))));
    }

    @Test
    void rejectsMalformedJsonAndStoresNothing() throws Exception {
        mvc.perform(post("/api/patients").with(as(DESK)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"givenName\": \"Ann\","))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("The request body is not valid JSON."));

        assertThat(patients.size()).isZero();
    }

    @Test
    void answersNotFoundForAnUnknownId() throws Exception {
        mvc.perform(get("/api/patients/no-such-patient").with(as(DESK)))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(404))
                .andExpect(jsonPath("$.errors").doesNotExist());
    }

    @Test
    void namesTheFieldOfAValueWithTheWrongType() throws Exception {
        register(PatientFixture.ann().with("channels", List.of(Map.of("kind", "SMS"))))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", contains("channels[0]")))
                .andExpect(jsonPath("$.errors[0].message").value("has the wrong type or format"));
    }

    @Test
    void answersUnauthorizedWithoutATokenAndStoresNothing() throws Exception {
        mvc.perform(post("/api/patients").contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(PatientFixture.ann().toJson())))
                .andExpect(status().isUnauthorized());

        assertThat(patients.size()).isZero();
    }

    @Test
    void linksTheSamePersonAtAnotherClinicAndAnswersOkWithOnlyWhatThatClinicSubmitted() throws Exception {
        String id = json.readTree(register(PatientFixture.ann()).andReturn().getResponse().getContentAsString())
                .get("id").asString();

        mvc.perform(post("/api/patients").with(as(DemoPersona.FRONTDESK_INTEGRATIVE_PAIN))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(PatientFixture.ann().with("familyName", "LEE")
                                .without("email").with("channels", List.of("SMS")).with("clinicId", "integrative-pain")
                                .toJson())))
                .andExpect(status().isOk())
                .andExpect(header().doesNotExist("Location"))
                .andExpect(jsonPath("$.id").value(id))
                .andExpect(jsonPath("$.linkedExisting").value(true))
                .andExpect(jsonPath("$.clinicIds", contains("integrative-pain")))
                .andExpect(jsonPath("$.clinicId").doesNotExist())
                .andExpect(jsonPath("$.email").doesNotExist())
                .andExpect(jsonPath("$.channels").doesNotExist())
                .andExpect(jsonPath("$.phone").value("+14035550123"))
                .andExpect(jsonPath("$.registeredAt").doesNotExist())
                .andExpect(content().string(org.hamcrest.Matchers.not(containsString("running-shoe"))))
                .andExpect(content().string(org.hamcrest.Matchers.not(containsString("ann.lee@example.org"))));

        assertThat(patients.size()).isOne();
    }

    @Test
    void refusesARegistrationAtAClinicTheFrontDeskDoesNotWorkAt() throws Exception {
        register(PatientFixture.ann().with("clinicId", "integrative-pain"))
                .andExpect(status().isForbidden())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));

        assertThat(patients.size()).isZero();
    }

    @Test
    void refusesAnOversizedBodyNamingItAndStoresNothing() throws Exception {
        register(PatientFixture.ann().with("notes", "x".repeat(20_000)))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[*].field", contains("body")));

        assertThat(patients.size()).isZero();
    }

    @Test
    void refusesANameWithFormatCharactersNamingTheField() throws Exception {
        register(PatientFixture.ann().with("familyName", "Lee\u202e"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", contains("familyName")));
    }

    @Test
    void needsAtLeastOneSearchCriterion() throws Exception {
        mvc.perform(get("/api/patients").with(as(DESK)))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[*].field", contains("query")));
        mvc.perform(get("/api/patients").param("birthDate", "02/03/1984").param("phone", "12").with(as(DESK)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", contains("phone", "birthDate")));
    }

    @Test
    void searchesTheCallersPatientsAndAnswersAnArray() throws Exception {
        register(PatientFixture.ann());

        mvc.perform(get("/api/patients").param("phone", "+1 403 555 0123").with(as(DESK)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[*].familyName", contains("Lee")));
        mvc.perform(get("/api/patients").param("phone", "+14035550123")
                        .with(as(DemoPersona.FRONTDESK_CALGARY_CONCUSSION)))
                .andExpect(status().isOk())
                .andExpect(content().json("[]"));
    }

    @Test
    void recordsConsentsAndShowsWhenAndHowTheyWereGiven() throws Exception {
        String id = json.readTree(register(PatientFixture.ann()).andReturn().getResponse().getContentAsString())
                .get("id").asString();

        mvc.perform(put("/api/patients/" + id + "/consents").with(as(DESK)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"consents\": [{\"channel\": \"SMS\", \"granted\": true, "
                                + "\"method\": \"verbal at front desk\"}]}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.revision").value(2));

        mvc.perform(get("/api/patients/" + id + "/contact").with(as(DESK)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.email").value("ann.lee@example.org"))
                .andExpect(jsonPath("$.consents[0].channel").value("EMAIL"))
                .andExpect(jsonPath("$.consents[0].method").value("preferred channel chosen at registration"))
                .andExpect(jsonPath("$.consents[1].channel").value("SMS"))
                .andExpect(jsonPath("$.consents[1].granted").value(true))
                .andExpect(jsonPath("$.consents[1].method").value("verbal at front desk"))
                .andExpect(jsonPath("$.consents[1].recordedAt").value("2026-05-04T15:30:00.123Z"));
        assertThat(accessLog.all()).extracting(entry -> entry.purpose()).containsExactly(
                "PUT /api/patients/{id}/consents", "GET /api/patients/{id}/contact");
    }

    @Test
    void namesTheWrongPartOfAConsent() throws Exception {
        String id = json.readTree(register(PatientFixture.ann()).andReturn().getResponse().getContentAsString())
                .get("id").asString();

        mvc.perform(put("/api/patients/" + id + "/consents").with(as(DESK)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"consents\": [{\"channel\": \"SMS\", \"granted\": true}]}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", contains("consents[0].method")));
        mvc.perform(put("/api/patients/" + id + "/contact").with(as(DESK)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"phone\": \"+33123456789\", \"language\": \"en\", \"channels\": [\"SMS\"]}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", contains("phone")));

        assertThat(patients.find(id).orElseThrow().revision()).isEqualTo(1);
    }

    private ResultActions register(PatientFixture registration) throws Exception {
        return mvc.perform(post("/api/patients").with(as(DESK)).contentType(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsString(registration.toJson())));
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Registry {

        @Bean
        InMemoryPatients patients() {
            return new InMemoryPatients();
        }

        @Bean
        InMemoryAccessLog accessLog() {
            return new InMemoryAccessLog();
        }

        @Bean
        PatientRegistry patientRegistry(InMemoryPatients patients, InMemoryAccessLog accessLog) {
            return new PatientRegistry(patients, accessLog, new InMemoryPractitionerPatients(), PatientFixture.CLINICS,
                    Clock.fixed(Instant.parse("2026-05-04T15:30:00.123456Z"), ZoneOffset.UTC));
        }
    }
}
