package com.clinicbackbone.booking.patient.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.clinicbackbone.booking.patient.PatientRegistry;
import com.clinicbackbone.booking.patient.PatientStatus;
import com.clinicbackbone.booking.patient.RegisteredPatient;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

class MongoPatientRegistryTest {

    final MongoServer server = new MongoServer(new MemoryBackend());
    final InetSocketAddress address = server.bind();
    final MongoClient client = MongoClients.create(
            "mongodb://" + address.getHostString() + ":" + address.getPort());
    final MongoTemplate mongo = new MongoTemplate(client, "booking");
    final MongoPatientRegistry registry = new MongoPatientRegistry(mongo);

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void registersAndLinksAPatientToMoreClinics() {
        assertThat(registry.applyLinked("p-1", "running-shoe", 1)).isTrue();
        assertThat(registry.applyLinked("p-1", "integrative-pain", 2)).isTrue();

        assertThat(registry.find("p-1")).contains(new RegisteredPatient("p-1",
                Set.of("running-shoe", "integrative-pain"), PatientStatus.ACTIVE, null, 2));
    }

    @Test
    void ignoresAnEventThatIsNotNewerThanTheStoredRevision() {
        registry.applyLinked("p-1", "running-shoe", 1);
        registry.applyErased("p-1", 3);

        assertThat(registry.applyLinked("p-1", "calgary-concussion", 2)).isFalse();
        assertThat(registry.applyErased("p-1", 3).changed()).isFalse();
        assertThat(registry.applyMerged("p-1", "p-2", List.of(), 3)).isFalse();

        assertThat(registry.find("p-1")).contains(
                new RegisteredPatient("p-1", Set.of(), PatientStatus.ERASED, null, 3));
        assertThat(mongo.getCollection(MongoPatientRegistry.COLLECTION).countDocuments()).isEqualTo(1);
    }

    @Test
    void erasureKeepsOnlyTheIdStatusAndRevision() {
        registry.applyLinked("p-1", "running-shoe", 1);

        assertThat(registry.applyErased("p-1", 2).changed()).isTrue();

        Document stored = mongo.getCollection(MongoPatientRegistry.COLLECTION).find().first();
        assertThat(stored.getList("clinicIds", String.class)).isEmpty();
        assertThat(stored.getString("status")).isEqualTo("ERASED");
    }

    @Test
    void anErasureOfAPatientNeverSeenIsRemembered() {
        assertThat(registry.applyErased("p-9", 4).changed()).isTrue();

        assertThat(registry.find("p-9")).get().extracting(RegisteredPatient::status).isEqualTo(PatientStatus.ERASED);
    }

    @Test
    void aMergeRetiresThePatientAndLinksTheSurvivorToItsClinics() {
        registry.applyLinked("merged", "running-shoe", 1);
        registry.applyLinked("survivor", "integrative-pain", 1);

        assertThat(registry.applyMerged("merged", "survivor", List.of("running-shoe", "integrative-pain"), 2))
                .isTrue();

        assertThat(registry.find("merged")).get().satisfies(merged -> {
            assertThat(merged.status()).isEqualTo(PatientStatus.MERGED);
            assertThat(merged.survivingPatientId()).isEqualTo("survivor");
        });
        assertThat(registry.find("survivor")).contains(new RegisteredPatient("survivor",
                Set.of("running-shoe", "integrative-pain"), PatientStatus.ACTIVE, null, 1));
    }

    @Test
    void survivorLinksArrivingBeforeTheSurvivorsRegistrationAreKept() {
        registry.applyMerged("merged", "survivor", List.of("running-shoe"), 1);

        assertThat(registry.applyLinked("survivor", "integrative-pain", 1)).isTrue();

        assertThat(registry.find("survivor")).contains(new RegisteredPatient("survivor",
                Set.of("running-shoe", "integrative-pain"), PatientStatus.ACTIVE, null, 1));
    }

    @Test
    void survivorLinksDoNotReviveAnErasedPatient() {
        registry.applyErased("survivor", 5);

        registry.applyMerged("merged", "survivor", List.of("running-shoe"), 1);

        assertThat(registry.find("survivor")).contains(
                new RegisteredPatient("survivor", Set.of(), PatientStatus.ERASED, null, 5));
    }

    @Test
    void keepsTheMostRecentCompletedVisitsForPrerequisites() {
        registry.applyLinked("p-1", "running-shoe", 1);
        Instant first = Instant.parse("2026-03-02T16:00:00Z");
        for (int i = 0; i < PatientRegistry.KEPT_COMPLETIONS + 5; i++) {
            registry.recordCompletion("p-1", new RegisteredPatient.Completion("running-shoe", "consultation",
                    first.plus(Duration.ofDays(i))));
        }
        registry.recordCompletion("p-unknown", new RegisteredPatient.Completion("running-shoe", "consultation",
                first));

        RegisteredPatient patient = registry.find("p-1").orElseThrow();
        assertThat(patient.completions()).hasSize(PatientRegistry.KEPT_COMPLETIONS);
        assertThat(patient.hasCompleted("running-shoe", "consultation", first.plus(Duration.ofDays(104)),
                first.plus(Duration.ofDays(105)))).isTrue();
        assertThat(patient.hasCompleted("running-shoe", "consultation", first, first.plus(Duration.ofDays(5))))
                .isFalse();
        assertThat(patient.hasCompleted("integrative-pain", "consultation", first, first.plus(Duration.ofDays(200))))
                .isFalse();
        assertThat(registry.find("p-unknown")).isEmpty();
        assertThat(registry.applyLinked("p-1", "integrative-pain", 2)).isTrue();
        assertThat(registry.find("p-1").orElseThrow().completions()).hasSize(PatientRegistry.KEPT_COMPLETIONS);
    }

    @Test
    void anErasureReturnsTheAppointmentsNotedWithFreeTextAndANoteAfterItSeesTheErasure() {
        registry.applyLinked("p-1", "running-shoe", 1);
        assertThat(registry.noteFreeText("p-1", "apt-1")).isFalse();

        assertThat(registry.applyErased("p-1", 2)).isEqualTo(new PatientRegistry.Erasure(true, Set.of("apt-1")));

        assertThat(registry.noteFreeText("p-1", "apt-2")).isTrue();
        assertThat(registry.applyErased("p-1", 2)).isEqualTo(
                new PatientRegistry.Erasure(false, Set.of("apt-1", "apt-2")));
    }
}
