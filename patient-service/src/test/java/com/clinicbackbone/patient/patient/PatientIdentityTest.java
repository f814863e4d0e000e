package com.clinicbackbone.patient.patient;

import static com.clinicbackbone.patient.patient.PatientFixture.CLINICS;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** When two registrations are the same person, and what each caller may see of a record. */
class PatientIdentityTest {

    static final Instant NOW = Instant.parse("2026-05-04T15:30:00Z");

    static Patient register(String id, PatientFixture fixture) {
        return Patient.register(id, fixture.toRegistration(), CLINICS, NOW);
    }

    @ParameterizedTest
    @CsvSource({"Lee, Lee", "Lee, LEE", "Lée, lee", "Lee, ' Lee '", "Müller, MULLER", "Strauß, STRAUSS",
            "O'Brien, O’Brien", "Nguyễn, Nguyen", "Van  Dam, van dam"})
    void comparesFamilyNamesWithoutCaseAccentsOrSpacing(String stored, String submitted) {
        assertThat(IdentityKey.of(stored)).isEqualTo(IdentityKey.of(submitted));
    }

    @Test
    void isTheSamePersonWithSameBirthDateFamilyNameAndEmailOrPhone() {
        Patient ann = register("pat-1", PatientFixture.ann());

        assertThat(ann.isSamePersonAs(register("x", PatientFixture.ann().with("familyName", "LÉE")
                .with("givenName", "Annie").with("phone", "+14035550188")))).as("same email").isTrue();
        assertThat(ann.isSamePersonAs(register("x", PatientFixture.ann().with("email", "ann@other.example"))))
                .as("same phone").isTrue();
        assertThat(ann.isSamePersonAs(register("x", PatientFixture.ann().with("email", "ANN.LEE@example.org")
                .without("phone").with("channels", List.of("EMAIL"))))).as("email case").isTrue();
    }

    @Test
    void isAnotherPersonWhenBirthDateFamilyNameOrBothContactsDiffer() {
        Patient ann = register("pat-1", PatientFixture.ann());

        assertThat(ann.isSamePersonAs(register("x", PatientFixture.ann().with("birthDate", "1984-03-03")))).isFalse();
        assertThat(ann.isSamePersonAs(register("x", PatientFixture.ann().with("familyName", "Leigh")))).isFalse();
        assertThat(ann.isSamePersonAs(register("x", PatientFixture.ann().with("email", "other@example.org")
                .with("phone", "+14035550188")))).isFalse();
        assertThat(ann.isSamePersonAs(register("x", PatientFixture.ann().without("email").with("channels",
                List.of("SMS")).with("phone", "+14035550188")))).as("no email to compare").isFalse();
    }

    @Test
    void staffSeeOnlyTheLinksToTheirOwnClinicsAndThePatientSeesAll() {
        Patient ann = register("pat-1", PatientFixture.ann());
        ann.linkTo("integrative-pain", NOW);

        PatientView painDesk = ann.viewFor(actor(Actor.Role.FRONT_DESK, "integrative-pain", null, null));
        assertThat(painDesk.clinicIds()).containsExactly("integrative-pain");
        assertThat(painDesk.clinicId()).isNull();
        assertThat(painDesk.email()).isEqualTo("ann.lee@example.org");

        PatientView herself = ann.viewFor(new Actor("ann", Actor.Role.PATIENT, Set.of(), "pat-1", null));
        assertThat(herself.clinicIds()).containsExactly("running-shoe", "integrative-pain");
        assertThat(herself.clinicId()).isEqualTo("running-shoe");
    }

    @Test
    void aLinkedRegistrationShowsOnlyWhatTheNewClinicSubmittedItself() {
        Patient ann = register("pat-1", PatientFixture.ann().withConsent("SMS", true, "written"));
        Patient submitted = register("x", PatientFixture.ann().with("givenName", "Annie").without("email")
                .with("channels", List.of("SMS")).with("language", "en").with("clinicId", "integrative-pain"));
        ann.linkTo("integrative-pain", NOW);

        PatientView view = ann.viewForLinkedRegistration(submitted, "integrative-pain");

        assertThat(view).isEqualTo(new PatientView("pat-1", null, "Lee", LocalDate.of(1984, 3, 2), null,
                "+14035550123", Language.EN, null, null, null, List.of("integrative-pain"), 2, null));
    }

    @Test
    void isVisibleToTheFrontDeskOfALinkedClinicAndToThePatientOnly() {
        Patient ann = register("pat-1", PatientFixture.ann());

        assertThat(ann.isVisibleTo(actor(Actor.Role.FRONT_DESK, "running-shoe", null, null))).isTrue();
        assertThat(ann.isVisibleTo(actor(Actor.Role.FRONT_DESK, "integrative-pain", null, null))).isFalse();
        assertThat(ann.isVisibleTo(actor(Actor.Role.PATIENT, "running-shoe", "pat-1", null))).isTrue();
        assertThat(ann.isVisibleTo(actor(Actor.Role.PATIENT, "running-shoe", "pat-2", null))).isFalse();
        assertThat(ann.isVisibleTo(actor(Actor.Role.OPERATOR, "running-shoe", null, null))).isFalse();
        assertThat(ann.isVisibleTo(actor(Actor.Role.AUDITOR, "running-shoe", null, null))).isFalse();
        assertThat(ann.isVisibleTo(actor(Actor.Role.PRACTITIONER, "running-shoe", null, "maya")))
                .as("a practitioner sees a record through their appointments, not through the clinic link")
                .isFalse();
    }

    private static Actor actor(Actor.Role role, String clinicId, String patientId, String practitionerId) {
        return new Actor("a", role, Set.of(clinicId), patientId, practitionerId);
    }
}
