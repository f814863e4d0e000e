package com.clinicbackbone.patient.patient;

import static com.clinicbackbone.patient.patient.PatientFixture.CLINICS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.clinicbackbone.events.PatientContactRecord;
import com.clinicbackbone.events.PatientErased;
import com.clinicbackbone.events.PatientLinkedToClinic;
import com.clinicbackbone.events.PatientsMerged;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Changes of a stored patient: each raises the revision and registers its events. */
class PatientChangesTest {

    static final Instant REGISTERED = Instant.parse("2026-05-01T10:00:00Z");
    static final Instant NOW = Instant.parse("2026-05-04T15:30:00.123456Z");
    static final Instant NOW_MILLIS = Instant.parse("2026-05-04T15:30:00.123Z");

    /** Ann as loaded from the store: revision 1, no pending events. */
    static Patient stored(PatientFixture fixture, String id) {
        Patient p = Patient.register(id, fixture.toRegistration(), CLINICS, REGISTERED);
        return Patient.restore(p.id(), p.status(), p.givenName(), p.familyName(), p.birthDate(), p.email(), p.phone(),
                p.language(), p.channels(), p.consents(), p.clinicId(), p.clinicIds(), p.revision(), p.registeredAt(),
                p.updatedAt(), p.mergedInto(), p.erasedAt());
    }

    static Patient ann() {
        return stored(PatientFixture.ann(), "pat-1");
    }

    @Test
    void linksToAnotherClinicOnceWithAnEventOfIdsOnly() {
        Patient patient = ann();

        assertThat(patient.linkTo("integrative-pain", NOW)).isTrue();
        assertThat(patient.linkTo("integrative-pain", NOW)).isFalse();

        assertThat(patient.clinicIds()).containsExactly("running-shoe", "integrative-pain");
        assertThat(patient.revision()).isEqualTo(2);
        assertThat(patient.storedRevision()).isEqualTo(1);
        assertThat(patient.updatedAt()).isEqualTo(NOW_MILLIS);
        assertThat(patient.events()).containsExactly(new PatientLinkedToClinic("pat-1", "integrative-pain"));
    }

    @Test
    void changesContactDetailsAndRegistersTheNewContactRecord() {
        Patient patient = ann();

        patient.changeContact(new ContactChange(" Ann@New.Example ", "+14035550199", "fr", List.of("SMS")), NOW);

        assertThat(patient.email()).isEqualTo("ann@new.example");
        assertThat(patient.revision()).isEqualTo(2);
        assertThat(patient.events()).containsExactly(new PatientContactRecord("pat-1", "Ann", "ann@new.example",
                "+14035550199", "fr", List.of("SMS"), List.of("EMAIL", "SMS")));
    }

    @Test
    void changesNothingForTheSameContactDetails() {
        Patient patient = ann();

        patient.changeContact(new ContactChange("ann.lee@example.org", "+14035550123", "en", List.of("SMS", "EMAIL")),
                NOW);

        assertThat(patient.revision()).isEqualTo(1);
        assertThat(patient.events()).isEmpty();
    }

    @Test
    void checksNewContactDetailsLikeARegistration() {
        Patient patient = ann();

        assertThatThrownBy(() -> patient.changeContact(new ContactChange("nope", "+33123456789", "de", List.of("SMS")),
                NOW)).isInstanceOfSatisfying(InvalidPatientException.class, e -> assertThat(e.violations())
                .extracting(Violation::field).containsExactly("email", "phone", "language"));
        assertThatThrownBy(() -> patient.changeContact(new ContactChange(null, null, "en", List.of("EMAIL")), NOW))
                .isInstanceOfSatisfying(InvalidPatientException.class, e -> assertThat(e.violations())
                        .containsExactly(new Violation("email", "is required when EMAIL is chosen")));
        assertThat(patient.revision()).isEqualTo(1);
        assertThat(patient.email()).isEqualTo("ann.lee@example.org");
    }

    @Test
    void recordsConsentsWithWhenAndHowKeepingTheOtherChannel() {
        Patient patient = ann();
        patient.recordConsents(List.of(new ConsentChange("EMAIL", true, "online form"),
                new ConsentChange("SMS", true, "written")), NOW);
        patient.recordConsents(List.of(new ConsentChange("SMS", false, "verbal at front desk")),
                NOW.plusSeconds(60));

        assertThat(patient.consents()).containsExactly(
                new Consent(Channel.EMAIL, true, "online form", NOW_MILLIS),
                new Consent(Channel.SMS, false, "verbal at front desk", NOW_MILLIS.plusSeconds(60)));
        assertThat(patient.revision()).isEqualTo(3);
        assertThat(patient.events()).extracting(event -> ((PatientContactRecord) event).consents())
                .containsExactly(List.of("EMAIL", "SMS"), List.of("EMAIL"));
    }

    @Test
    void refusesAnEmptyConsentChange() {
        assertThatThrownBy(() -> ann().recordConsents(List.of(), NOW))
                .isInstanceOfSatisfying(InvalidPatientException.class, e -> assertThat(e.violations())
                        .containsExactly(new Violation("consents", "must name at least one of EMAIL, SMS")));
    }

    @Test
    void survivorOfAMergeTakesOverTheClinicLinksAndTheOtherRetiresWithoutPersonalData() {
        Patient survivor = ann();
        Patient merged = stored(PatientFixture.ann().with("clinicId", "integrative-pain"), "pat-2");

        survivor.absorb(merged, NOW);
        merged.retireInto(survivor, NOW);

        assertThat(survivor.clinicIds()).containsExactly("running-shoe", "integrative-pain");
        assertThat(survivor.revision()).isEqualTo(2);
        assertThat(survivor.events()).containsExactly(new PatientContactRecord("pat-1", "Ann", "ann.lee@example.org",
                "+14035550123", "en", List.of("EMAIL", "SMS"), List.of("EMAIL", "SMS")));
        assertThat(merged.status()).isEqualTo(PatientStatus.MERGED);
        assertThat(merged.mergedInto()).isEqualTo("pat-1");
        assertThat(merged.revision()).isEqualTo(2);
        assertNoPersonalData(merged);
        assertThat(merged.events()).containsExactly(
                new PatientsMerged("pat-2", "pat-1", List.of("running-shoe", "integrative-pain")),
                new ContactTombstone("pat-2"));
    }

    @Test
    void refusesToMergeARecordIntoItself() {
        Patient patient = ann();

        assertThatThrownBy(() -> patient.absorb(ann(), NOW)).isInstanceOfSatisfying(InvalidPatientException.class,
                e -> assertThat(e.violations()).extracting(Violation::field).containsExactly("mergedPatientId"));
    }

    @Test
    void erasureKeepsOnlyIdStatusRevisionAndTimeAndRegistersTheTombstone() {
        Patient patient = ann();
        patient.recordConsents(List.of(new ConsentChange("SMS", true, "written")), NOW);

        patient.erase(NOW.plusSeconds(1));

        assertThat(patient.status()).isEqualTo(PatientStatus.ERASED);
        assertThat(patient.erasedAt()).isEqualTo(NOW_MILLIS.plusSeconds(1));
        assertThat(patient.revision()).isEqualTo(3);
        assertNoPersonalData(patient);
        assertThat(patient.events()).endsWith(new PatientErased("pat-1"), new ContactTombstone("pat-1"));
    }

    @Test
    void aRetiredRecordCannotChangeAnyMore() {
        Patient patient = ann();
        patient.erase(NOW);

        assertThatThrownBy(() -> patient.erase(NOW)).isInstanceOf(PatientNotFoundException.class);
        assertThatThrownBy(() -> patient.linkTo("integrative-pain", NOW)).isInstanceOf(PatientNotFoundException.class);
        assertThatThrownBy(() -> patient.changeContact(new ContactChange(null, "+14035550123", "en", List.of("SMS")),
                NOW)).isInstanceOf(PatientNotFoundException.class);
        assertThat(patient.isVisibleTo(new Actor("fd", Actor.Role.FRONT_DESK, Set.of("running-shoe"), null, null)))
                .isFalse();
    }

    static void assertNoPersonalData(Patient patient) {
        assertThat(patient.givenName()).isNull();
        assertThat(patient.familyName()).isNull();
        assertThat(patient.familyKey()).isNull();
        assertThat(patient.nameKey()).isNull();
        assertThat(patient.birthDate()).isNull();
        assertThat(patient.email()).isNull();
        assertThat(patient.phone()).isNull();
        assertThat(patient.language()).isNull();
        assertThat(patient.channels()).isEmpty();
        assertThat(patient.consents()).isEmpty();
        assertThat(patient.clinicId()).isNull();
        assertThat(patient.clinicIds()).isEmpty();
        assertThat(patient.registeredAt()).isNull();
    }
}
