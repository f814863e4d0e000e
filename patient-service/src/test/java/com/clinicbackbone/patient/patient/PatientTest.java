package com.clinicbackbone.patient.patient;

import static com.clinicbackbone.patient.patient.PatientFixture.CLINICS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.clinicbackbone.events.PatientContactRecord;
import com.clinicbackbone.events.PatientRegistered;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PatientTest {

    static final Instant NOW = Instant.parse("2026-05-04T15:30:00.123456Z");

    static Patient register(PatientFixture fixture) {
        return Patient.register("pat-1", fixture.toRegistration(), CLINICS, NOW);
    }

    @Test
    void registersAtRevisionOneLinkedToTheRegisteringClinic() {
        Patient patient = register(PatientFixture.ann().with("clinicId", "calgary-concussion"));

        assertThat(patient.id()).isEqualTo("pat-1");
        assertThat(patient.revision()).isEqualTo(1);
        assertThat(patient.clinicId()).isEqualTo("calgary-concussion");
        assertThat(patient.clinicIds()).containsExactly("calgary-concussion");
        assertThat(patient.registeredAt()).isEqualTo(Instant.parse("2026-05-04T15:30:00.123Z"));
        assertThat(patient.language()).isEqualTo(Language.EN);
        assertThat(patient.channels()).containsExactly(Channel.EMAIL, Channel.SMS);
    }

    @Test
    void registersTheRegistryEventWithIdsOnlyAndTheContactRecord() {
        Patient patient = register(PatientFixture.ann().with("language", "fr").with("channels", List.of("SMS")));

        assertThat(patient.events()).containsExactly(
                new PatientRegistered("pat-1", "running-shoe"),
                new PatientContactRecord("pat-1", "Ann", "ann.lee@example.org", "+14035550123", "fr", List.of("SMS"),
                        List.of("SMS")));
        assertThat(patient.consents()).singleElement().satisfies(consent -> {
            assertThat(consent.granted()).isTrue();
            assertThat(consent.method()).isEqualTo("preferred channel chosen at registration");
        });
    }

    @Test
    void normalisesTheEmailToLowerCase() {
        Patient patient = register(PatientFixture.ann().with("email", " Ann.Lee@Example.ORG "));

        assertThat(patient.email()).isEqualTo("ann.lee@example.org");
    }

    @Test
    void keepsEachChannelOnceInAFixedOrder() {
        Patient patient = register(PatientFixture.ann().with("channels", List.of("SMS", "EMAIL", "SMS")));

        assertThat(patient.channels()).containsExactly(Channel.EMAIL, Channel.SMS);
    }

    @Test
    void needsNoPhoneWhenOnlyEmailIsChosen() {
        Patient patient = register(PatientFixture.ann().without("phone").with("channels", List.of("EMAIL")));

        assertThat(patient.phone()).isNull();
    }

    @Test
    void needsNoEmailWhenOnlySmsIsChosen() {
        Patient patient = register(PatientFixture.ann().with("email", "").with("channels", List.of("SMS")));

        assertThat(patient.email()).isNull();
    }

    @Test
    void requiresAPhoneWhenSmsIsChosen() {
        assertViolation(() -> register(PatientFixture.ann().without("phone")), "phone", "is required when SMS is chosen");
    }

    @Test
    void requiresAnEmailWhenEmailIsChosen() {
        assertViolation(() -> register(PatientFixture.ann().without("email").with("channels", List.of("EMAIL"))),
                "email", "is required when EMAIL is chosen");
    }

    @Test
    void validatesAnOptionalPhoneWhenPresent() {
        assertViolation(() -> register(PatientFixture.ann().with("phone", "403-555-0123").with("channels",
                List.of("EMAIL"))), "phone", "must be a mobile number in E.164 format, for example +14035550123");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-05-04", "2026-05-05", "2100-01-01"})
    void rejectsABirthDateThatIsNotInThePast(String birthDate) {
        assertViolation(() -> register(PatientFixture.ann().with("birthDate", birthDate)), "birthDate",
                "must be in the past");
    }

    @Test
    void acceptsABirthDateOfYesterday() {
        assertThat(register(PatientFixture.ann().with("birthDate", "2026-05-03")).birthDate())
                .isEqualTo(LocalDate.of(2026, 5, 3));
    }

    @Test
    void rejectsAnUnknownClinic() {
        assertViolation(() -> register(PatientFixture.ann().with("clinicId", "elsewhere")), "clinicId",
                "must be one of calgary-concussion, integrative-pain, running-shoe");
    }

    @Test
    void limitsNamesToOneHundredCharacters() {
        assertThat(register(PatientFixture.ann().with("familyName", "L".repeat(100))).familyName()).hasSize(100);
        assertViolation(() -> register(PatientFixture.ann().with("familyName", "L".repeat(101))), "familyName",
                "must be at most 100 characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ann", "ann@", "ann@example", "ann lee@example.org", "@example.org", "ann@@example.org"})
    void rejectsAnInvalidEmail(String email) {
        assertViolation(() -> register(PatientFixture.ann().with("email", email)), "email",
                "must be a valid email address");
    }

    @ParameterizedTest
    @ValueSource(strings = {"+04035550123", "14035550123", "+1403555", "+1403555012345678", "+1 403 555 0123"})
    void rejectsAPhoneNotInE164(String phone) {
        assertViolation(() -> register(PatientFixture.ann().with("phone", phone)), "phone",
                "must be a mobile number in E.164 format, for example +14035550123");
    }

    @Test
    void namesEveryBrokenRuleAtOnceAndNeverTheValues() {
        Registration empty = new Registration(null, " ", null, "ANN@X", null, "de", List.of("FAX"), null);

        assertThatThrownBy(() -> Patient.register("pat-1", empty, CLINICS, NOW))
                .isInstanceOfSatisfying(InvalidPatientException.class, e -> {
                    assertThat(e.violations()).extracting(Violation::field).containsExactly(
                            "givenName", "familyName", "birthDate", "email", "language", "channels", "clinicId");
                    assertThat(e.getMessage()).doesNotContainIgnoringCase("ann@x");
                });
    }

    @Test
    void requiresAtLeastOneChannel() {
        assertViolation(() -> register(PatientFixture.ann().with("channels", List.of())), "channels",
                "must name at least one of EMAIL, SMS");
    }

    private static void assertViolation(ThrowingCallable registration, String field, String message) {
        assertThatThrownBy(registration).isInstanceOfSatisfying(InvalidPatientException.class,
                e -> assertThat(e.violations()).containsExactly(new Violation(field, message)));
    }
}
