package com.clinicbackbone.patient.patient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.clinicbackbone.events.PatientContactRecord;
import com.clinicbackbone.events.PatientErased;
import com.clinicbackbone.events.PatientLinkedToClinic;
import com.clinicbackbone.events.PatientRegistered;
import com.clinicbackbone.events.PatientsMerged;
import com.clinicbackbone.patient.patient.Actor.Role;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The use cases and who may do them, against in-memory stores. */
class PatientRegistryTest {

    static final Instant NOW = Instant.parse("2026-05-04T15:30:00Z");
    static final Actor RUNNING_SHOE_DESK = new Actor("frontdesk-running-shoe", Role.FRONT_DESK, Set.of("running-shoe"),
            null, null);
    static final Actor PAIN_DESK = new Actor("frontdesk-integrative-pain", Role.FRONT_DESK, Set.of("integrative-pain"),
            null, null);
    static final Actor MAYA = new Actor("practitioner-maya-chen", Role.PRACTITIONER,
            Set.of("running-shoe", "calgary-concussion"), null, "maya-chen");
    static final Actor NOAH = new Actor("practitioner-noah-tremblay", Role.PRACTITIONER, Set.of("calgary-concussion"),
            null, "noah-tremblay");
    static final Actor OPERATOR = new Actor("operator", Role.OPERATOR, Set.of(), null, null);
    static final Actor AUDITOR = new Actor("auditor", Role.AUDITOR, Set.of(), null, null);
    static final String PURPOSE = "GET /api/patients/{id}";

    final InMemoryPatients patients = new InMemoryPatients();
    final InMemoryAccessLog accessLog = new InMemoryAccessLog();
    final InMemoryPractitionerPatients practitionerPatients = new InMemoryPractitionerPatients();
    final PatientRegistry registry = new PatientRegistry(patients, accessLog, practitionerPatients,
            PatientFixture.CLINICS, Clock.fixed(NOW, ZoneOffset.UTC));

    static Actor patient(String id) {
        return new Actor("patient-" + id, Role.PATIENT, Set.of(), id, null);
    }

    String registerSomeone(Actor desk, String clinicId) {
        return registry.register(desk, PatientFixture.someone().with("clinicId", clinicId).toRegistration(), "POST")
                .id();
    }

    @Test
    void storesARegisteredPatientUnderANewUuid() {
        Registered registered = registry.register(RUNNING_SHOE_DESK, PatientFixture.ann().toRegistration(), "POST");

        assertThat(UUID.fromString(registered.id())).isNotNull();
        assertThat(registered.linkedExisting()).isFalse();
        assertThat(registered.view().email()).isEqualTo("ann.lee@example.org");
        assertThat(patients.find(registered.id())).hasValueSatisfying(
                patient -> assertThat(patient.registeredAt()).isEqualTo(NOW));
        assertThat(accessLog.all()).as("a new record is not a read").isEmpty();
    }

    @Test
    void storesNothingWhenARuleIsBroken() {
        assertThatThrownBy(() -> registry.register(RUNNING_SHOE_DESK,
                PatientFixture.ann().with("clinicId", "nowhere").toRegistration(), "POST"))
                .isInstanceOf(InvalidPatientException.class);

        assertThat(patients.size()).isZero();
    }

    @Test
    void registersOnlyAtTheFrontDesksOwnClinic() {
        assertThatThrownBy(() -> registry.register(RUNNING_SHOE_DESK,
                PatientFixture.ann().with("clinicId", "integrative-pain").toRegistration(), "POST"))
                .isInstanceOf(NotPermittedException.class);
        for (Actor other : List.of(MAYA, OPERATOR, AUDITOR, patient("p"))) {
            assertThatThrownBy(() -> registry.register(other, PatientFixture.ann().toRegistration(), "POST"))
                    .isInstanceOf(NotPermittedException.class);
        }
        assertThat(patients.size()).isZero();
    }

    @Test
    void linksTheSamePersonRegisteredAtAnotherClinicInsteadOfDuplicating() {
        Registered first = registry.register(RUNNING_SHOE_DESK, PatientFixture.ann().toRegistration(), "POST");

        Registered second = registry.register(PAIN_DESK, PatientFixture.ann().with("familyName", "LÉE")
                .with("email", "other@example.org").with("clinicId", "integrative-pain").toRegistration(), "POST");

        assertThat(second.linkedExisting()).isTrue();
        assertThat(second.id()).isEqualTo(first.id());
        assertThat(patients.size()).isOne();
        assertThat(patients.find(first.id()).orElseThrow().clinicIds())
                .containsExactly("running-shoe", "integrative-pain");
        assertThat(patients.published()).endsWith(new PatientLinkedToClinic(first.id(), "integrative-pain"));
        assertThat(second.view().email()).as("the stored email was not submitted by this clinic").isNull();
        assertThat(second.view().phone()).isEqualTo("+14035550123");
        assertThat(second.view().clinicIds()).containsExactly("integrative-pain");
        assertThat(second.view().clinicId()).isNull();
        assertThat(accessLog.entriesFor(first.id())).extracting(AccessEntry::subject)
                .containsExactly("frontdesk-integrative-pain");
    }

    @Test
    void linkingAgainAtTheSameClinicChangesNothing() {
        Registered first = registry.register(RUNNING_SHOE_DESK, PatientFixture.ann().toRegistration(), "POST");
        int events = patients.published().size();

        Registered again = registry.register(RUNNING_SHOE_DESK, PatientFixture.ann().toRegistration(), "POST");

        assertThat(again.linkedExisting()).isTrue();
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(patients.published()).hasSize(events);
        assertThat(patients.find(first.id()).orElseThrow().revision()).isEqualTo(1);
    }

    @Test
    void seedsTheDemoPatientsOnceWithTheirFixedIds() {
        registry.seedDemoPatients();
        registry.seedDemoPatients();

        assertThat(patients.size()).isEqualTo(2);
        Patient ann = patients.find(DemoPatients.ANN_LEE_ID).orElseThrow();
        assertThat(ann.clinicIds()).containsExactly("running-shoe");
        assertThat(ann.channels()).containsExactly(Channel.EMAIL, Channel.SMS);
        Patient ben = patients.find(DemoPatients.BEN_ROY_ID).orElseThrow();
        assertThat(ben.language()).isEqualTo(Language.FR);
        assertThat(ben.clinicIds()).containsExactly("integrative-pain");
        assertThat(patients.published()).containsExactly(
                new PatientRegistered(DemoPatients.ANN_LEE_ID, "running-shoe"),
                new PatientContactRecord(DemoPatients.ANN_LEE_ID, "Ann", "ann.lee@example.org", "+14035550123", "en",
                        List.of("EMAIL", "SMS"), List.of("EMAIL", "SMS")),
                new PatientRegistered(DemoPatients.BEN_ROY_ID, "integrative-pain"),
                new PatientContactRecord(DemoPatients.BEN_ROY_ID, "Ben", "ben.roy@example.org", "+14035550188", "fr",
                        List.of("SMS"), List.of("SMS")));
    }

    @Test
    void seedsTheDemoPatientsWithTheIdsOfTheSignInPersonas() {
        assertThat(DemoPatients.ANN_LEE_ID).isEqualTo(com.clinicbackbone.security.DemoPersona.ANN_LEE_ID);
        assertThat(DemoPatients.BEN_ROY_ID).isEqualTo(com.clinicbackbone.security.DemoPersona.BEN_ROY_ID);
    }

    @Test
    void readsARecordForItsFrontDeskItsPractitionerAndThePatientAndLogsEachRead() {
        String id = registerSomeone(RUNNING_SHOE_DESK, "running-shoe");
        registry.recordAppointment("maya-chen", id);

        assertThat(registry.read(RUNNING_SHOE_DESK, id, PURPOSE).id()).isEqualTo(id);
        assertThat(registry.read(MAYA, id, PURPOSE).id()).isEqualTo(id);
        assertThat(registry.read(patient(id), id, PURPOSE).id()).isEqualTo(id);

        assertThat(accessLog.entriesFor(id)).containsExactly(
                new AccessEntry(id, "frontdesk-running-shoe", "FRONT_DESK", NOW, PURPOSE),
                new AccessEntry(id, "practitioner-maya-chen", "PRACTITIONER", NOW, PURPOSE),
                new AccessEntry(id, "patient-" + id, "PATIENT", NOW, PURPOSE));
    }

    @Test
    void hidesARecordFromOtherClinicsAndOtherPatientsAsIfUnknown() {
        String id = registerSomeone(RUNNING_SHOE_DESK, "running-shoe");

        registry.recordAppointment("noah-tremblay", "another-patient");
        for (Actor stranger : List.of(PAIN_DESK, patient("someone-else"), MAYA, NOAH)) {
            assertThatThrownBy(() -> registry.read(stranger, id, PURPOSE))
                    .isInstanceOf(PatientNotFoundException.class);
        }
        assertThat(accessLog.all()).isEmpty();
    }

    @Test
    void aPractitionerReadsOnlyThePatientsOnTheirOwnAppointmentsAtEveryClinic() {
        String mine = registerSomeone(RUNNING_SHOE_DESK, "running-shoe");
        String colleagues = registerSomeone(RUNNING_SHOE_DESK, "running-shoe");
        String elsewhere = registerSomeone(PAIN_DESK, "integrative-pain");
        registry.recordAppointment("maya-chen", mine);
        registry.recordAppointment("noah-tremblay", colleagues);
        registry.recordAppointment("maya-chen", elsewhere);

        assertThat(registry.read(MAYA, mine, PURPOSE).clinicIds()).containsExactly("running-shoe");
        assertThatThrownBy(() -> registry.read(MAYA, colleagues, PURPOSE))
                .as("linked to her clinic, but on a colleague's appointment only")
                .isInstanceOf(PatientNotFoundException.class);
        PatientView atAnotherClinic = registry.read(MAYA, elsewhere, PURPOSE);
        assertThat(atAnotherClinic.id()).isEqualTo(elsewhere);
        assertThat(atAnotherClinic.clinicIds()).as("no clinic links beyond her own clinics").isEmpty();
        assertThatThrownBy(() -> registry.read(NOAH, mine, PURPOSE)).isInstanceOf(PatientNotFoundException.class);
        Actor withoutPractitionerId = new Actor("practitioner-x", Role.PRACTITIONER, Set.of("running-shoe"), null,
                null);
        assertThatThrownBy(() -> registry.read(withoutPractitionerId, mine, PURPOSE))
                .isInstanceOf(PatientNotFoundException.class);
        assertThat(accessLog.all()).extracting(AccessEntry::patientId).containsExactly(mine, elsewhere);
    }

    @Test
    void aPractitionerSearchesOnlyAmongThePatientsOnTheirOwnAppointments() {
        String mine = registry.register(RUNNING_SHOE_DESK,
                PatientFixture.someone().with("familyName", "Quill").toRegistration(), "POST").id();
        String colleagues = registry.register(RUNNING_SHOE_DESK,
                PatientFixture.someone().with("familyName", "Quill").toRegistration(), "POST").id();
        String atPain = registry.register(PAIN_DESK, PatientFixture.someone().with("familyName", "Quill")
                .with("clinicId", "integrative-pain").toRegistration(), "POST").id();
        registry.recordAppointment("maya-chen", mine);
        registry.recordAppointment("maya-chen", atPain);
        registry.recordAppointment("noah-tremblay", colleagues);
        PatientSearch quill = PatientSearch.of("quill", null, null, null);

        assertThat(registry.search(MAYA, quill, "GET")).extracting(PatientView::id)
                .containsExactlyInAnyOrder(mine, atPain);
        assertThat(registry.search(NOAH, quill, "GET")).extracting(PatientView::id).containsExactly(colleagues);
        assertThat(registry.search(RUNNING_SHOE_DESK, quill, "GET")).extracting(PatientView::id)
                .containsExactlyInAnyOrder(mine, colleagues);
        assertThat(registry.search(new Actor("p", Role.PRACTITIONER, Set.of("running-shoe"), null, null), quill,
                "GET")).isEmpty();
        assertThat(accessLog.entriesFor(colleagues)).extracting(AccessEntry::subject)
                .containsExactly("practitioner-noah-tremblay", "frontdesk-running-shoe");
    }

    @Test
    void recordsEachPractitionerAndPatientOnceHoweverOftenTheirAppointmentsAreReported() {
        String id = registerSomeone(RUNNING_SHOE_DESK, "running-shoe");

        registry.recordAppointment("maya-chen", id);
        registry.recordAppointment("maya-chen", id);
        registry.recordAppointment("noah-tremblay", id);

        assertThat(practitionerPatients.all()).containsExactlyInAnyOrder("maya-chen/" + id, "noah-tremblay/" + id);
    }

    @Test
    void aMergeGivesThePractitionersOfTheMergedRecordTheSurvivor() {
        String survivor = registerSomeone(RUNNING_SHOE_DESK, "running-shoe");
        String merged = registerSomeone(RUNNING_SHOE_DESK, "running-shoe");
        registry.recordAppointment("maya-chen", merged);
        registry.recordAppointment("noah-tremblay", merged);
        registry.recordAppointment("noah-tremblay", survivor);

        registry.merge(RUNNING_SHOE_DESK, survivor, merged, "POST");

        assertThat(practitionerPatients.all()).containsExactlyInAnyOrder("maya-chen/" + survivor,
                "noah-tremblay/" + survivor);
        assertThat(registry.read(MAYA, survivor, PURPOSE).id()).isEqualTo(survivor);
        assertThatThrownBy(() -> registry.read(MAYA, merged, PURPOSE)).isInstanceOf(PatientNotFoundException.class);
    }

    @Test
    void anAppointmentOfAMergedRecordCountsForTheSurvivor() {
        String survivor = registerSomeone(RUNNING_SHOE_DESK, "running-shoe");
        String merged = registerSomeone(RUNNING_SHOE_DESK, "running-shoe");
        String mergedEarlier = registerSomeone(RUNNING_SHOE_DESK, "running-shoe");
        registry.merge(RUNNING_SHOE_DESK, merged, mergedEarlier, "POST");
        registry.merge(RUNNING_SHOE_DESK, survivor, merged, "POST");

        registry.recordAppointment("maya-chen", mergedEarlier);

        assertThat(practitionerPatients.all()).containsExactly("maya-chen/" + survivor);
        assertThat(registry.read(MAYA, survivor, PURPOSE).id()).isEqualTo(survivor);
    }

    @Test
    void anAppointmentOfARecordMergedWhileItIsRecordedStillReachesTheSurvivor() {
        String survivor = registerSomeone(RUNNING_SHOE_DESK, "running-shoe");
        String merged = registerSomeone(RUNNING_SHOE_DESK, "running-shoe");
        // the merge retires the record and moves its pairs right after the appointment saw it still active
        PatientRegistry racing = new PatientRegistry(patients, accessLog, new InMemoryPractitionerPatients() {
            @Override
            public synchronized void add(String practitionerId, String patientId) {
                if (patientId.equals(merged) && patients.find(merged).orElseThrow().isActive()) {
                    registry.merge(RUNNING_SHOE_DESK, survivor, merged, "POST");
                }
                practitionerPatients.add(practitionerId, patientId);
            }

            @Override
            public synchronized void move(String fromPatientId, String toPatientId) {
                practitionerPatients.move(fromPatientId, toPatientId);
            }
        }, PatientFixture.CLINICS, Clock.fixed(NOW, ZoneOffset.UTC));

        racing.recordAppointment("maya-chen", merged);

        assertThat(patients.find(merged).orElseThrow().status()).isEqualTo(PatientStatus.MERGED);
        assertThat(practitionerPatients.all()).containsExactly("maya-chen/" + survivor);
    }

    @Test
    void anErasedPatientAnswers404ToTheirPractitionerAndKeepsTheIdsOnlyPair() {
        String id = registerSomeone(RUNNING_SHOE_DESK, "running-shoe");
        registry.recordAppointment("maya-chen", id);

        registry.erase(patient(id), id);

        assertThatThrownBy(() -> registry.read(MAYA, id, PURPOSE)).isInstanceOf(PatientNotFoundException.class);
        assertThat(registry.search(MAYA, PatientSearch.of("sam", null, null, null), "GET")).isEmpty();
        assertThat(practitionerPatients.all()).containsExactly("maya-chen/" + id);
    }

    @Test
    void refusesRecordsToOperatorAndAuditor() {
        String id = registerSomeone(RUNNING_SHOE_DESK, "running-shoe");

        assertThatThrownBy(() -> registry.read(OPERATOR, id, PURPOSE)).isInstanceOf(NotPermittedException.class);
        assertThatThrownBy(() -> registry.read(AUDITOR, id, PURPOSE)).isInstanceOf(NotPermittedException.class);
    }

    @Test
    void searchesOnlyAmongPatientsOfTheCallersClinicsAndLogsEveryHit() {
        String atRunningShoe = registry.register(RUNNING_SHOE_DESK,
                PatientFixture.someone().with("familyName", "Zéphyr").toRegistration(), "POST").id();
        String atPain = registry.register(PAIN_DESK, PatientFixture.someone().with("familyName", "Zephyr")
                .with("clinicId", "integrative-pain").toRegistration(), "POST").id();

        List<PatientView> found = registry.search(RUNNING_SHOE_DESK, PatientSearch.of("zephyr", null, null, null),
                "GET /api/patients");

        assertThat(found).extracting(PatientView::id).containsExactly(atRunningShoe);
        assertThat(registry.search(PAIN_DESK, PatientSearch.of("SAM ZEPH", null, null, "1990-07-15"), "GET"))
                .extracting(PatientView::id).containsExactly(atPain);
        assertThat(accessLog.entriesFor(atRunningShoe)).extracting(AccessEntry::purpose)
                .containsExactly("GET /api/patients");
        assertThatThrownBy(() -> registry.search(patient(atPain), PatientSearch.of("zephyr", null, null, null), "GET"))
                .isInstanceOf(NotPermittedException.class);
    }

    @Test
    void changesContactAndConsentsForTheFrontDeskAndThePatientOnly() {
        String id = registerSomeone(RUNNING_SHOE_DESK, "running-shoe");
        ContactChange smsOnly = new ContactChange(null, "+14035550199", "fr", List.of("SMS"));

        assertThat(registry.changeContact(patient(id), id, smsOnly, "PUT").phone()).isEqualTo("+14035550199");
        PatientView consented = registry.recordConsents(RUNNING_SHOE_DESK, id,
                List.of(new ConsentChange("SMS", true, "verbal at front desk")), "PUT");

        assertThat(consented.consents()).contains(new Consent(Channel.SMS, true, "verbal at front desk", NOW));
        assertThat(consented.revision()).isEqualTo(3);
        assertThat(patients.published()).last().isEqualTo(new PatientContactRecord(id, "Sam", null, "+14035550199",
                "fr", List.of("SMS"), List.of("EMAIL", "SMS")));
        assertThatThrownBy(() -> registry.changeContact(MAYA, id, smsOnly, "PUT"))
                .isInstanceOf(NotPermittedException.class);
        assertThatThrownBy(() -> registry.recordConsents(PAIN_DESK, id, List.of(new ConsentChange("SMS", false, "x")),
                "PUT")).isInstanceOf(PatientNotFoundException.class);
    }

    @Test
    void mergesTwoRecordsOfTheFrontDesksClinicsIntoTheSurvivor() {
        String survivor = registerSomeone(RUNNING_SHOE_DESK, "running-shoe");
        String merged = registerSomeone(PAIN_DESK, "integrative-pain");
        // the same person registered again at Running Shoe: linked, so both records are at the front desk's clinic
        registry.register(RUNNING_SHOE_DESK, patients.find(merged).map(PatientRegistryTest::asRegistration)
                .orElseThrow(), "POST");

        PatientView result = registry.merge(RUNNING_SHOE_DESK, survivor, merged, "POST");

        assertThat(result.clinicIds()).as("only the caller's clinics are shown").containsExactly("running-shoe");
        assertThat(patients.find(survivor).orElseThrow().clinicIds())
                .containsExactly("running-shoe", "integrative-pain");
        Patient retired = patients.find(merged).orElseThrow();
        assertThat(retired.status()).isEqualTo(PatientStatus.MERGED);
        assertThat(retired.mergedInto()).isEqualTo(survivor);
        assertThat(retired.givenName()).isNull();
        assertThat(patients.published()).contains(
                new PatientsMerged(merged, survivor, List.of("running-shoe", "integrative-pain")),
                new ContactTombstone(merged));
        assertThatThrownBy(() -> registry.read(PAIN_DESK, merged, PURPOSE))
                .isInstanceOf(PatientNotFoundException.class);
    }

    @Test
    void mergesOnlyRecordsLinkedToTheFrontDesksClinics() {
        String own = registerSomeone(RUNNING_SHOE_DESK, "running-shoe");
        String foreign = registerSomeone(PAIN_DESK, "integrative-pain");

        assertThatThrownBy(() -> registry.merge(RUNNING_SHOE_DESK, own, foreign, "POST"))
                .isInstanceOf(PatientNotFoundException.class);
        assertThatThrownBy(() -> registry.merge(MAYA, own, foreign, "POST")).isInstanceOf(NotPermittedException.class);
        assertThatThrownBy(() -> registry.merge(RUNNING_SHOE_DESK, own, " ", "POST"))
                .isInstanceOf(InvalidPatientException.class);
        assertThat(patients.find(foreign).orElseThrow().isActive()).isTrue();
        assertThat(patients.find(own).orElseThrow().revision()).isEqualTo(1);
    }

    @Test
    void erasesForTheFrontDeskOfALinkedClinicOrThePatientThemself() {
        String byDesk = registerSomeone(RUNNING_SHOE_DESK, "running-shoe");
        String byPatient = registerSomeone(RUNNING_SHOE_DESK, "running-shoe");

        assertThatThrownBy(() -> registry.erase(PAIN_DESK, byDesk)).isInstanceOf(PatientNotFoundException.class);
        assertThatThrownBy(() -> registry.erase(MAYA, byDesk)).isInstanceOf(NotPermittedException.class);
        assertThatThrownBy(() -> registry.erase(patient(byPatient), byDesk))
                .isInstanceOf(PatientNotFoundException.class);
        registry.erase(RUNNING_SHOE_DESK, byDesk);
        registry.erase(patient(byPatient), byPatient);

        assertThat(patients.find(byDesk).orElseThrow().status()).isEqualTo(PatientStatus.ERASED);
        assertThat(patients.published()).contains(new PatientErased(byDesk), new ContactTombstone(byDesk),
                new PatientErased(byPatient));
        assertThatThrownBy(() -> registry.read(RUNNING_SHOE_DESK, byDesk, PURPOSE))
                .isInstanceOf(PatientNotFoundException.class);
        assertThatThrownBy(() -> registry.erase(RUNNING_SHOE_DESK, byDesk))
                .isInstanceOf(PatientNotFoundException.class);
    }

    @Test
    void showsTheAccessLogToTheAuditorAndToThePatientThemselfOnly() {
        String id = registerSomeone(RUNNING_SHOE_DESK, "running-shoe");
        registry.read(RUNNING_SHOE_DESK, id, PURPOSE);

        assertThat(registry.accessLog(AUDITOR, id)).hasSize(1);
        assertThat(registry.accessLog(patient(id), id)).hasSize(1);
        assertThatThrownBy(() -> registry.accessLog(patient("other"), id)).isInstanceOf(PatientNotFoundException.class);
        for (Actor refused : List.of(RUNNING_SHOE_DESK, MAYA, OPERATOR)) {
            assertThatThrownBy(() -> registry.accessLog(refused, id)).isInstanceOf(NotPermittedException.class);
        }
    }

    @Test
    void refusesAChangeOfARecordThatChangedMeanwhile() {
        String id = registerSomeone(RUNNING_SHOE_DESK, "running-shoe");
        Patient stale = patients.find(id).orElseThrow();
        registry.changeContact(RUNNING_SHOE_DESK, id, new ContactChange(null, "+14035550199", "en", List.of("SMS")),
                "PUT");

        stale.linkTo("integrative-pain", NOW);
        assertThatThrownBy(() -> patients.update(stale)).isInstanceOf(ConcurrentChangeException.class);
    }

    static Registration asRegistration(Patient patient) {
        return new Registration(patient.givenName(), patient.familyName(), patient.birthDate(), patient.email(),
                patient.phone(), patient.language().code(), patient.channels().stream().map(Channel::name).toList(),
                "running-shoe");
    }
}
