package com.clinicbackbone.patient.patient;

import static com.clinicbackbone.patient.patient.PatientFixture.CLINICS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.clinicbackbone.events.PatientContactRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Names, phones, emails and consents as the registration rules check them. */
class PatientValidationTest {

    static final Instant NOW = Instant.parse("2026-05-04T15:30:00.123456Z");

    static Patient register(PatientFixture fixture) {
        return Patient.register("pat-1", fixture.toRegistration(), CLINICS, NOW);
    }

    static List<Violation> violations(PatientFixture fixture) {
        try {
            register(fixture);
            return List.of();
        } catch (InvalidPatientException e) {
            return e.violations();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"José", "Zoë", "O'Brien", "O’Brien", "Jean-Luc", "St. John", "李", "Nguyễn", "Müller",
            "सुनील", "Владимир", "’t Hooft", "محمد", "Ólafur Ragnar"})
    void acceptsNamesInAnyScriptWithSpacesApostrophesHyphensAndPeriods(String name) {
        assertThat(register(PatientFixture.ann().with("givenName", name)).givenName()).isEqualTo(name);
    }

    @Test
    void storesNamesNfcNormalised() {
        Patient patient = register(PatientFixture.ann().with("givenName", "Jose\u0301")
                .with("familyName", "Lee\u0301"));

        assertThat(patient.givenName()).isEqualTo("Jos\u00e9").hasSize(4);
        assertThat(patient.familyName()).isEqualTo("Le\u00e9");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Ann1", "Ann\u200b", "Ann\u202eeeL", "An\u0000n", "<script>", "Ann_Lee", "\u0301Ann",
            "...", "--", "Ann\tLee", "Ann\u00a0Lee", "Ann\ud83d\ude00", "Ann@", "A\u200dnn"})
    void refusesNamesWithDigitsSymbolsControlOrFormatCharacters(String name) {
        assertThat(violations(PatientFixture.ann().with("familyName", name))).containsExactly(new Violation(
                "familyName", "may contain only letters, spaces, apostrophes, hyphens and periods"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"+33612345678", "+447911123456", "+4915123456789", "+14035550188"})
    void acceptsValidMobileCapableNumbers(String phone) {
        assertThat(register(PatientFixture.ann().with("phone", phone)).phone()).isEqualTo(phone);
    }

    @ParameterizedTest
    @ValueSource(strings = {"+33123456789", "+442071838750", "+18005551234", "+19995550123", "+11235550123",
            "+999123456789"})
    void refusesNumbersThatAreNotValidOrCannotReceiveSms(String phone) {
        assertThat(violations(PatientFixture.ann().with("phone", phone)))
                .containsExactly(new Violation("phone", "must be a valid mobile phone number"));
    }

    @Test
    void refusesAnOversizedEmailOrName() {
        assertThat(violations(PatientFixture.ann().with("email", "a".repeat(250) + "@example.org")
                .with("givenName", "A".repeat(10_000)))).containsExactly(
                new Violation("givenName", "must be at most 100 characters"),
                new Violation("email", "must be a valid email address"));
    }

    @Test
    void refusesMoreThanTenChannelEntries() {
        assertThat(violations(PatientFixture.ann().with("channels", java.util.Collections.nCopies(11, "SMS"))))
                .containsExactly(new Violation("channels", "must have at most 10 entries"));
    }

    @Test
    void recordsConsentsGivenAtRegistrationWithWhenAndHow() {
        Patient patient = register(PatientFixture.ann().withConsent("SMS", true, "verbal at front desk")
                .withConsent("EMAIL", false, "online form"));

        assertThat(patient.consents()).containsExactly(
                new Consent(Channel.EMAIL, false, "online form", Instant.parse("2026-05-04T15:30:00.123Z")),
                new Consent(Channel.SMS, true, "verbal at front desk", Instant.parse("2026-05-04T15:30:00.123Z")));
        assertThat(patient.events()).last().isEqualTo(new PatientContactRecord("pat-1", "Ann", "ann.lee@example.org",
                "+14035550123", "en", List.of("EMAIL", "SMS"), List.of("SMS")));
    }

    @Test
    void namesEachWrongPartOfAConsent() {
        PatientFixture fixture = PatientFixture.ann().with("consents", List.of(
                Map.of("channel", "FAX", "granted", true, "method", "written"),
                Map.of("channel", "SMS", "method", " "),
                Map.of("channel", "SMS", "granted", true, "method", "m".repeat(101)),
                Map.of("channel", "EMAIL", "granted", true, "method", "online\u0007form")));

        assertThat(violations(fixture)).extracting(Violation::field).containsExactly(
                "consents[0].channel", "consents[1].granted", "consents[1].method", "consents[2].channel",
                "consents[2].method", "consents[3].method");
    }
}
