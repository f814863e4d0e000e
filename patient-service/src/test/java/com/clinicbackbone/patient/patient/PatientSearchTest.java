package com.clinicbackbone.patient.patient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class PatientSearchTest {

    @Test
    void normalisesTheCriteriaLikeTheStoredValues() {
        assertThat(PatientSearch.of(" LÉE ", "+1 (403) 555-0123", " Ann.Lee@Example.ORG ", "1984-03-02"))
                .isEqualTo(new PatientSearch("lee", "+14035550123", "ann.lee@example.org", LocalDate.of(1984, 3, 2)));
    }

    @Test
    void needsAtLeastOneCriterion() {
        assertThatThrownBy(() -> PatientSearch.of(null, " ", "", null))
                .isInstanceOfSatisfying(InvalidPatientException.class, e -> assertThat(e.violations())
                        .containsExactly(new Violation("query",
                                "needs at least one of name, phone, email, birthDate")));
    }

    @Test
    void namesEveryUnusableCriterion() {
        assertThatThrownBy(() -> PatientSearch.of("Lee\u0000", "403-555", "x".repeat(300), "1984-02-30"))
                .isInstanceOfSatisfying(InvalidPatientException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field).containsExactly("name", "phone", "email", "birthDate"));
    }

    @Test
    void matchesAnyPartOfTheNameOfAnActivePatientWithEveryGivenCriterion() {
        Patient ann = Patient.register("pat-1", PatientFixture.ann().toRegistration(), PatientFixture.CLINICS,
                java.time.Instant.parse("2026-05-04T15:30:00Z"));

        assertThat(PatientSearch.of("nn le", null, null, null).matches(ann)).isTrue();
        assertThat(PatientSearch.of("lee", null, null, "1984-03-03").matches(ann)).isFalse();
        assertThat(PatientSearch.of(null, "+14035550123", "ann.lee@example.org", null).matches(ann)).isTrue();
        ann.erase(java.time.Instant.parse("2026-05-05T00:00:00Z"));
        assertThat(PatientSearch.of(null, "+14035550123", null, null).matches(ann)).isFalse();
    }
}
