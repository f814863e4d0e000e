package com.clinicbackbone.patient.patient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.clinicbackbone.events.PatientLinkedToClinic;
import com.clinicbackbone.events.PatientRegistered;
import com.clinicbackbone.patient.patient.Actor.Role;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A signed-in person without a record signs up for one: linked only by their verified email, never by name. */
class SelfRegistrationTest {

    static final Instant NOW = Instant.parse("2026-05-04T15:30:00Z");
    static final Actor DESK = new Actor("frontdesk-running-shoe", Role.FRONT_DESK, Set.of("running-shoe"), null, null);
    /** A self-registered account before it has a record: role PATIENT, no patient id, no clinics. */
    static final Actor NEWCOMER = new Actor("0b8f4c1e-account", Role.PATIENT, Set.of(), null, null);

    final InMemoryPatients patients = new InMemoryPatients();
    final InMemoryAccessLog accessLog = new InMemoryAccessLog();
    final PatientRegistry registry = new PatientRegistry(patients, accessLog, new InMemoryPractitionerPatients(),
            PatientFixture.CLINICS, Clock.fixed(NOW, ZoneOffset.UTC));

    static SelfRegistration signUp(String givenName, String familyName, String birthDate, String clinicId) {
        return new SelfRegistration(givenName, familyName, LocalDate.parse(birthDate), "+14035550177", "fr", clinicId);
    }

    @Test
    void linksTheOneRecordHoldingTheVerifiedEmailToTheClinicAndGivesItToThePerson() {
        String ann = registry.register(DESK, PatientFixture.ann().toRegistration(), "POST").id();
        int eventsBefore = patients.published().size();

        Registered registered = registry.registerSelf(NEWCOMER, "Ann.Lee@Example.ORG",
                signUp("Annie", "Leigh", "1990-01-01", "integrative-pain"), "POST /api/patients/self");

        assertThat(registered.linkedExisting()).isTrue();
        assertThat(registered.id()).isEqualTo(ann);
        assertThat(registered.view().givenName()).as("the record as stored, not the form").isEqualTo("Ann");
        assertThat(registered.view().clinicIds()).containsExactly("running-shoe", "integrative-pain");
        assertThat(patients.published().subList(eventsBefore, patients.published().size()))
                .containsExactly(new PatientLinkedToClinic(ann, "integrative-pain"));
        assertThat(accessLog.entriesFor(ann)).extracting(AccessEntry::subject).containsExactly("0b8f4c1e-account");
        assertThat(patients.size()).isEqualTo(1);
    }

    @Test
    void answersTheRecordUnchangedWhenItIsLinkedToTheClinicAlready() {
        String ann = registry.register(DESK, PatientFixture.ann().toRegistration(), "POST").id();
        int eventsBefore = patients.published().size();

        Registered registered = registry.registerSelf(NEWCOMER, "ann.lee@example.org",
                signUp("Ann", "Lee", "1984-03-02", "running-shoe"), "POST");

        assertThat(registered.id()).isEqualTo(ann);
        assertThat(registered.linkedExisting()).isTrue();
        assertThat(patients.published()).hasSize(eventsBefore);
        assertThat(patients.find(ann).orElseThrow().revision()).isEqualTo(1);
    }

    @Test
    void makesANewRecordWithTheVerifiedEmailWhenNoRecordHoldsIt() {
        Registered registered = registry.registerSelf(NEWCOMER, "New.Person@Example.org",
                signUp("Zoé", "Martin", "1991-02-03", "calgary-concussion"), "POST");

        assertThat(registered.linkedExisting()).isFalse();
        Patient stored = patients.find(registered.id()).orElseThrow();
        assertThat(stored.email()).isEqualTo("new.person@example.org");
        assertThat(stored.givenName()).isEqualTo("Zoé");
        assertThat(stored.phone()).isEqualTo("+14035550177");
        assertThat(stored.language()).isEqualTo(Language.FR);
        assertThat(stored.channels()).containsExactly(Channel.EMAIL);
        assertThat(stored.clinicIds()).containsExactly("calgary-concussion");
        assertThat(registered.view().email()).isEqualTo("new.person@example.org");
        assertThat(patients.published()).contains(new PatientRegistered(registered.id(), "calgary-concussion"));
        assertThat(accessLog.all()).as("a new record is not a read").isEmpty();
    }

    @Test
    void neverPicksARecordByNameAndBirthDate() {
        String ann = registry.register(DESK, PatientFixture.ann().toRegistration(), "POST").id();

        Registered registered = registry.registerSelf(NEWCOMER, "someone.else@example.org",
                signUp("Ann", "Lee", "1984-03-02", "running-shoe"), "POST");

        assertThat(registered.id()).isNotEqualTo(ann);
        assertThat(registered.linkedExisting()).isFalse();
        assertThat(registered.view().phone()).as("nothing of Ann's record").isEqualTo("+14035550177");
        assertThat(accessLog.entriesFor(ann)).isEmpty();
        assertThat(patients.find(ann).orElseThrow().revision()).isEqualTo(1);
    }

    @Test
    void ignoresARecordThatNoLongerHoldsTheEmail() {
        String ann = registry.register(DESK, PatientFixture.ann().toRegistration(), "POST").id();
        registry.erase(DESK, ann);

        Registered registered = registry.registerSelf(NEWCOMER, "ann.lee@example.org",
                signUp("Ann", "Lee", "1984-03-02", "running-shoe"), "POST");

        assertThat(registered.id()).isNotEqualTo(ann);
        assertThat(registered.linkedExisting()).isFalse();
    }

    @Test
    void makesANewRecordWhenSeveralRecordsHoldTheEmailRatherThanGuessing() {
        String first = registry.register(DESK, PatientFixture.someone().with("email", "family@example.org")
                .toRegistration(), "POST").id();
        String second = registry.register(DESK, PatientFixture.someone().with("email", "family@example.org")
                .toRegistration(), "POST").id();

        Registered registered = registry.registerSelf(NEWCOMER, "family@example.org",
                signUp("Kim", "Park", "2001-04-05", "running-shoe"), "POST");

        assertThat(registered.id()).isNotIn(first, second);
        assertThat(registered.linkedExisting()).isFalse();
        assertThat(accessLog.all()).isEmpty();
    }

    @Test
    void refusesEveryoneButAPatientWithoutARecordAndWithAVerifiedEmail() {
        String ann = registry.register(DESK, PatientFixture.ann().toRegistration(), "POST").id();
        SelfRegistration form = signUp("Ann", "Lee", "1984-03-02", "running-shoe");
        List<Actor> refused = List.of(new Actor("patient-ann-lee", Role.PATIENT, Set.of("running-shoe"), ann, null),
                DESK, new Actor("practitioner-maya-chen", Role.PRACTITIONER, Set.of("running-shoe"), null,
                        "maya-chen"), new Actor("operator", Role.OPERATOR, Set.of(), null, null),
                new Actor("auditor", Role.AUDITOR, Set.of(), null, null));

        for (Actor actor : refused) {
            assertThatThrownBy(() -> registry.registerSelf(actor, "ann.lee@example.org", form, "POST"))
                    .as(actor.subject()).isInstanceOf(NotPermittedException.class);
        }
        assertThatThrownBy(() -> registry.registerSelf(NEWCOMER, null, form, "POST"))
                .isInstanceOf(NotPermittedException.class).hasMessageContaining("verified email");
        assertThatThrownBy(() -> registry.registerSelf(NEWCOMER, " ", form, "POST"))
                .isInstanceOf(NotPermittedException.class);
        assertThat(patients.size()).isEqualTo(1);
        assertThat(patients.find(ann).orElseThrow().clinicIds()).containsExactly("running-shoe");
        assertThat(accessLog.all()).isEmpty();
    }

    @Test
    void checksTheFormBeforeLinkingOrStoringAnything() {
        String ann = registry.register(DESK, PatientFixture.ann().toRegistration(), "POST").id();
        SelfRegistration wrong = new SelfRegistration(" ", "Lee", LocalDate.of(2990, 1, 1), "403-555", "de",
                "nowhere");

        assertThatThrownBy(() -> registry.registerSelf(NEWCOMER, "ann.lee@example.org", wrong, "POST"))
                .isInstanceOfSatisfying(InvalidPatientException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field)
                        .containsExactlyInAnyOrder("givenName", "birthDate", "phone", "language", "clinicId"));
        assertThat(patients.size()).isEqualTo(1);
        assertThat(patients.find(ann).orElseThrow().clinicIds()).containsExactly("running-shoe");
        assertThat(accessLog.all()).isEmpty();
    }
}
