package com.clinicbackbone.patient.patient.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import com.clinicbackbone.messaging.OutboxRelay;
import com.clinicbackbone.patient.patient.Actor;
import com.clinicbackbone.patient.patient.ContactChange;
import com.clinicbackbone.patient.patient.InMemoryAccessLog;
import com.clinicbackbone.patient.patient.InMemoryPractitionerPatients;
import com.clinicbackbone.patient.patient.Patient;
import com.clinicbackbone.patient.patient.PatientFixture;
import com.clinicbackbone.patient.patient.PatientRegistry;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.json.JsonMapper;

/** The patients of an email address, filed by key in {@code patient_emails} and kept as records change. */
class MongoPatientEmailsTest {

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
                PatientFixture.CLINICS, Clock.fixed(Instant.parse("2026-05-04T15:30:00Z"), ZoneOffset.UTC));
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    List<Document> filed() {
        return mongo.findAll(Document.class, PatientEmailDocument.COLLECTION);
    }

    @Test
    void findsThePatientsOfAnAddressWithoutStoringTheAddressInTheKey() {
        String ann = registry.register(DESK, PatientFixture.ann().toRegistration(), "POST").id();
        String other = registry.register(DESK, PatientFixture.someone().toRegistration(), "POST").id();

        assertThat(patients.findByEmail("Ann.Lee@Example.org", 5)).extracting(Patient::id).containsExactly(ann);
        assertThat(patients.findByEmail("nobody@example.org", 5)).isEmpty();
        assertThat(filed()).hasSize(2).allSatisfy(document -> assertThat(document.toJson())
                .doesNotContain("example.org").doesNotContainIgnoringCase("lee"));
        assertThat(other).isNotEqualTo(ann);
    }

    @Test
    void answersAtMostTheLimitOldestFirst() {
        String first = registry.register(DESK, PatientFixture.someone().with("email", "family@example.org")
                .toRegistration(), "POST").id();
        String second = registry.register(DESK, PatientFixture.someone().with("email", "family@example.org")
                .toRegistration(), "POST").id();
        String third = registry.register(DESK, PatientFixture.someone().with("email", "family@example.org")
                .toRegistration(), "POST").id();

        assertThat(patients.findByEmail("family@example.org", 5)).extracting(Patient::id)
                .as("registered at the same instant: in id order")
                .containsExactlyElementsOf(List.of(first, second, third).stream().sorted().toList());
        assertThat(patients.findByEmail("family@example.org", 2)).hasSize(2);
    }

    @Test
    void movesThePatientToItsNewAddressWhenTheContactChanges() {
        String ann = registry.register(DESK, PatientFixture.ann().toRegistration(), "POST").id();

        registry.changeContact(DESK, ann, new ContactChange("ann.new@example.org", "+14035550123", "en",
                List.of("EMAIL")), "PUT");

        assertThat(patients.findByEmail("ann.lee@example.org", 5)).isEmpty();
        assertThat(patients.findByEmail("ann.new@example.org", 5)).extracting(Patient::id).containsExactly(ann);
        assertThat(filed()).as("the old address's document emptied, so removed").hasSize(1);

        registry.changeContact(DESK, ann, new ContactChange(null, "+14035550123", "en", List.of("SMS")), "PUT");
        assertThat(patients.findByEmail("ann.new@example.org", 5)).isEmpty();
        assertThat(filed()).isEmpty();
    }

    @Test
    void takesErasedAndMergedPatientsOff() {
        String ann = registry.register(DESK, PatientFixture.ann().toRegistration(), "POST").id();
        String twin = registry.register(DESK, PatientFixture.someone().with("email", "twin@example.org")
                .toRegistration(), "POST").id();
        String survivor = registry.register(DESK, PatientFixture.someone().toRegistration(), "POST").id();

        registry.erase(DESK, ann);
        registry.merge(DESK, survivor, twin, "POST");

        assertThat(patients.findByEmail("ann.lee@example.org", 5)).isEmpty();
        assertThat(patients.findByEmail("twin@example.org", 5)).isEmpty();
        assertThat(filed()).as("only the survivor's address is left").hasSize(1);
    }

    @Test
    void ignoresIdsFiledUnderAnAddressTheirRecordDoesNotHold() {
        String ann = registry.register(DESK, PatientFixture.ann().toRegistration(), "POST").id();
        String other = registry.register(DESK, PatientFixture.someone().toRegistration(), "POST").id();
        var emails = new EmailKeys(mongo);
        emails.add("ann.lee@example.org", "never-stored");
        emails.add("ann.lee@example.org", other);

        assertThat(patients.findByEmail("ann.lee@example.org", 5)).extracting(Patient::id).containsExactly(ann);
    }

    @Test
    void filesThePatientsStoredBeforeTheEmailKeysExistedOnceAtStartUp() {
        String ann = registry.register(DESK, PatientFixture.ann().toRegistration(), "POST").id();
        String erased = registry.register(DESK, PatientFixture.someone().toRegistration(), "POST").id();
        registry.erase(DESK, erased);
        mongo.dropCollection(PatientEmailDocument.COLLECTION); // as stored by the earlier version
        assertThat(patients.findByEmail("ann.lee@example.org", 5)).isEmpty();

        new EmailBackfill(mongo).afterSingletonsInstantiated();

        assertThat(patients.findByEmail("ann.lee@example.org", 5)).extracting(Patient::id).containsExactly(ann);
        assertThat(filed()).extracting(d -> d.get("_id")).hasSize(2).contains(EmailBackfill.DONE);
        mongo.dropCollection(PatientEmailDocument.COLLECTION);
        mongo.insert(new Document("_id", EmailBackfill.DONE), PatientEmailDocument.COLLECTION);
        new EmailBackfill(mongo).afterSingletonsInstantiated();
        assertThat(patients.findByEmail("ann.lee@example.org", 5)).as("done once only").isEmpty();
    }
}
