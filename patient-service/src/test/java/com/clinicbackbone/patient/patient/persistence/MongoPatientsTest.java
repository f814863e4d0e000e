package com.clinicbackbone.patient.patient.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

import com.clinicbackbone.events.PatientContactRecord;
import com.clinicbackbone.events.Topics;
import com.clinicbackbone.messaging.OutboxRelay;
import com.clinicbackbone.patient.patient.Actor;
import com.clinicbackbone.patient.patient.ConcurrentChangeException;
import com.clinicbackbone.patient.patient.ConsentChange;
import com.clinicbackbone.patient.patient.InMemoryAccessLog;
import com.clinicbackbone.patient.patient.InMemoryPractitionerPatients;
import com.clinicbackbone.patient.patient.Patient;
import com.clinicbackbone.patient.patient.PatientFixture;
import com.clinicbackbone.patient.patient.PatientRegistry;
import com.clinicbackbone.patient.patient.PatientSearch;
import com.clinicbackbone.patient.patient.PatientStatus;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The MongoDB adapter against mongo-java-server, without the relay (so pending events stay visible): atomic
 * change + outbox writes, the revision compare-and-set, and the queries.
 */
class MongoPatientsTest {

    static final Actor DESK = new Actor("frontdesk-running-shoe", Actor.Role.FRONT_DESK, Set.of("running-shoe"), null,
            null);

    MongoServer server;
    MongoClient client;
    MongoTemplate mongo;
    MongoPatients patients;
    PatientRegistry registry;

    @BeforeEach
    void start() {
        server = new MongoServer(new MemoryBackend());
        InetSocketAddress address = server.bind();
        client = MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort());
        mongo = new MongoTemplate(client, "patients");
        patients = new MongoPatients(mongo, JsonMapper.builder().build(), mock(OutboxRelay.class));
        registry = new PatientRegistry(patients, new InMemoryAccessLog(), new InMemoryPractitionerPatients(),
                PatientFixture.CLINICS,
                Clock.fixed(Instant.parse("2026-05-04T15:30:00Z"), ZoneOffset.UTC));
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    Document raw(String id) {
        return mongo.findById(id, Document.class, PatientDocument.COLLECTION);
    }

    List<Document> outbox(String id) {
        return raw(id).getList("outbox", Document.class);
    }

    @Test
    void storesANewPatientWithItsEventsInTheSameDocument() {
        String id = registry.register(DESK, PatientFixture.ann().toRegistration(), "POST").id();

        assertThat(raw(id).getBoolean("outboxPending")).isTrue();
        assertThat(outbox(id)).extracting(entry -> entry.getString("topic"))
                .containsExactly(Topics.PATIENTS, Topics.PATIENT_CONTACTS);
        assertThat(patients.find(id)).hasValueSatisfying(patient -> {
            assertThat(patient.familyName()).isEqualTo("Lee");
            assertThat(patient.birthDate()).isEqualTo(LocalDate.of(1984, 3, 2));
            assertThat(patient.revision()).isEqualTo(1);
        });
    }

    @Test
    void appendsTheEventsOfAChangeAndRefusesAStaleWrite() {
        String id = registry.register(DESK, PatientFixture.ann().toRegistration(), "POST").id();
        Patient stale = patients.find(id).orElseThrow();

        registry.recordConsents(DESK, id, List.of(new ConsentChange("SMS", true, "written")), "PUT");

        assertThat(outbox(id)).hasSize(3);
        assertThat(outbox(id).get(2).getLong("revision")).isEqualTo(2);
        assertThat(raw(id).getList("consents", Document.class)).hasSize(2);
        registry.erase(DESK, id);
        assertThatThrownBy(() -> patients.update(stale)).isInstanceOf(ConcurrentChangeException.class);
        assertThat(raw(id).getString("status")).isEqualTo("ERASED");
    }

    @Test
    void erasureRemovesThePersonalFieldsAndThePendingContactRecordsThatCarryThem() {
        String id = registry.register(DESK, PatientFixture.ann().toRegistration(), "POST").id();

        registry.erase(DESK, id);

        Document erased = raw(id);
        assertThat(erased.keySet()).containsOnly("_id", "_class", "status", "revision", "updatedAt", "erasedAt",
                "outbox", "outboxPending");
        assertThat(outbox(id)).extracting(entry -> entry.getString("type")).containsExactly(
                "clinic.patient.registered.v1", "clinic.patient.erased.v1", PatientContactRecord.TYPE);
        assertThat(outbox(id).get(2).get("payload")).as("tombstone").isNull();
        assertThat(erased.toJson()).doesNotContainIgnoringCase("lee").doesNotContain("1984").doesNotContain("+1403")
                .doesNotContain("example.org");
        assertThat(patients.find(id).orElseThrow().status()).isEqualTo(PatientStatus.ERASED);
    }

    @Test
    void findsTheSamePersonAndSearchesOnlyActivePatientsOfTheGivenClinics() {
        String ann = registry.register(DESK, PatientFixture.ann().toRegistration(), "POST").id();
        String other = registry.register(DESK, PatientFixture.someone().toRegistration(), "POST").id();

        assertThat(patients.findByIdentity("lee", LocalDate.of(1984, 3, 2))).extracting(Patient::id)
                .containsExactly(ann);
        assertThat(patients.search(PatientSearch.of("ann l", null, null, null), Set.of("running-shoe"), 10))
                .extracting(Patient::id).containsExactly(ann);
        assertThat(patients.search(PatientSearch.of(null, "+1 (403) 555-0123", null, "1984-03-02"),
                Set.of("running-shoe"), 10)).extracting(Patient::id).containsExactly(ann);
        assertThat(patients.search(PatientSearch.of("sam", null, null, null), Set.of("integrative-pain"), 10))
                .isEmpty();
        assertThat(patients.search(PatientSearch.of("n.l", null, null, null), Set.of("running-shoe"), 10))
                .as("the name is matched literally, not as a pattern").isEmpty();

        registry.erase(DESK, other);
        assertThat(patients.search(PatientSearch.of("sam", null, null, null), Set.of("running-shoe"), 10)).isEmpty();
    }

    @Test
    void searchesOnlyActivePatientsAmongTheGivenIds() {
        String ann = registry.register(DESK, PatientFixture.ann().toRegistration(), "POST").id();
        String sam = registry.register(DESK, PatientFixture.someone().toRegistration(), "POST").id();
        String otherSam = registry.register(DESK, PatientFixture.someone().toRegistration(), "POST").id();

        assertThat(patients.searchAmong(PatientSearch.of("sam", null, null, null), Set.of(ann, sam, "unknown"), 10))
                .extracting(Patient::id).containsExactly(sam);
        assertThat(patients.searchAmong(PatientSearch.of("lee", null, null, null), Set.of(sam, otherSam), 10))
                .isEmpty();
        assertThat(patients.searchAmong(PatientSearch.of("sam", null, null, null), Set.of(), 10)).isEmpty();

        registry.erase(DESK, sam);
        assertThat(patients.searchAmong(PatientSearch.of("sam", null, null, null), Set.of(sam, otherSam), 10))
                .extracting(Patient::id).containsExactly(otherSam);
    }

    @Test
    void filesAPatientUnderItsIdentityKeyAndTakesItOffWhenErasedLeavingNoNameOrBirthDate() {
        String ann = registry.register(DESK, PatientFixture.ann().toRegistration(), "POST").id();
        String annsTwin = registry.register(DESK, PatientFixture.ann().with("givenName", "Anna")
                .with("email", "anna.lee@example.org").with("phone", "+14035550199").toRegistration(), "POST").id();

        assertThat(patients.findByIdentity("lee", LocalDate.of(1984, 3, 2))).extracting(Patient::id)
                .as("registered at the same instant: in id order").containsExactly(
                        List.of(ann, annsTwin).stream().sorted().toArray(String[]::new));
        List<Document> identities = mongo.findAll(Document.class, PatientIdentityDocument.COLLECTION);
        assertThat(identities).hasSize(1);
        assertThat(identities.get(0).toJson()).doesNotContainIgnoringCase("lee").doesNotContain("1984");

        registry.erase(DESK, ann);
        assertThat(patients.findByIdentity("lee", LocalDate.of(1984, 3, 2))).extracting(Patient::id)
                .containsExactly(annsTwin);
        registry.erase(DESK, annsTwin);
        assertThat(patients.findByIdentity("lee", LocalDate.of(1984, 3, 2))).isEmpty();
        assertThat(mongo.findAll(Document.class, PatientIdentityDocument.COLLECTION)).as("emptied, so removed")
                .isEmpty();
    }

    @Test
    void ignoresIdsUnderAnIdentityKeyWhoseRecordIsMissingOrRetired() {
        String ann = registry.register(DESK, PatientFixture.ann().toRegistration(), "POST").id();
        String other = registry.register(DESK, PatientFixture.someone().toRegistration(), "POST").id();
        var identity = new IdentityKeys(mongo);
        identity.add("lee", "1984-03-02", "never-stored");
        identity.add("lee", "1984-03-02", other); // filed under a key that is not its own

        assertThat(patients.findByIdentity("lee", LocalDate.of(1984, 3, 2))).extracting(Patient::id)
                .containsExactly(ann);
    }

    @Test
    void filesThePatientsStoredBeforeIdentityKeysExistedOnceAtStartUp() {
        String ann = registry.register(DESK, PatientFixture.ann().toRegistration(), "POST").id();
        String erased = registry.register(DESK, PatientFixture.someone().toRegistration(), "POST").id();
        registry.erase(DESK, erased);
        mongo.dropCollection(PatientIdentityDocument.COLLECTION); // as stored by the earlier version
        assertThat(patients.findByIdentity("lee", LocalDate.of(1984, 3, 2))).isEmpty();

        new IdentityBackfill(mongo).afterSingletonsInstantiated();

        assertThat(patients.findByIdentity("lee", LocalDate.of(1984, 3, 2))).extracting(Patient::id)
                .containsExactly(ann);
        assertThat(mongo.findAll(Document.class, PatientIdentityDocument.COLLECTION)).extracting(d -> d.get("_id"))
                .hasSize(2).contains(IdentityBackfill.DONE);
        mongo.dropCollection(PatientIdentityDocument.COLLECTION);
        mongo.insert(new Document("_id", IdentityBackfill.DONE), PatientIdentityDocument.COLLECTION);
        new IdentityBackfill(mongo).afterSingletonsInstantiated();
        assertThat(patients.findByIdentity("lee", LocalDate.of(1984, 3, 2))).as("done once only").isEmpty();
    }
}
