package com.clinicbackbone.booking.patient.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.clinicbackbone.booking.patient.PatientStatus;
import com.clinicbackbone.booking.patient.RegisteredPatient;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
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
        assertThat(registry.applyErased("p-1", 3)).isFalse();
        assertThat(registry.applyMerged("p-1", "p-2", 3)).isFalse();

        assertThat(registry.find("p-1")).contains(
                new RegisteredPatient("p-1", Set.of(), PatientStatus.ERASED, null, 3));
        assertThat(mongo.getCollection(MongoPatientRegistry.COLLECTION).countDocuments()).isEqualTo(1);
    }

    @Test
    void erasureKeepsOnlyTheIdStatusAndRevision() {
        registry.applyLinked("p-1", "running-shoe", 1);

        assertThat(registry.applyErased("p-1", 2)).isTrue();

        Document stored = mongo.getCollection(MongoPatientRegistry.COLLECTION).find().first();
        assertThat(stored.getList("clinicIds", String.class)).isEmpty();
        assertThat(stored.getString("status")).isEqualTo("ERASED");
    }

    @Test
    void anErasureOfAPatientNeverSeenIsRemembered() {
        assertThat(registry.applyErased("p-9", 4)).isTrue();

        assertThat(registry.find("p-9")).get().extracting(RegisteredPatient::status).isEqualTo(PatientStatus.ERASED);
    }

    @Test
    void aMergeRetiresThePatientAndLinksTheSurvivorToItsClinics() {
        registry.applyLinked("merged", "running-shoe", 1);
        registry.applyLinked("survivor", "integrative-pain", 1);

        registry.addSurvivorLinks("survivor", List.of("running-shoe", "integrative-pain"));
        assertThat(registry.applyMerged("merged", "survivor", 2)).isTrue();

        assertThat(registry.find("merged")).get().satisfies(merged -> {
            assertThat(merged.status()).isEqualTo(PatientStatus.MERGED);
            assertThat(merged.survivingPatientId()).isEqualTo("survivor");
        });
        assertThat(registry.find("survivor")).contains(new RegisteredPatient("survivor",
                Set.of("running-shoe", "integrative-pain"), PatientStatus.ACTIVE, null, 1));
    }

    @Test
    void survivorLinksArrivingBeforeTheSurvivorsRegistrationAreKept() {
        registry.addSurvivorLinks("survivor", List.of("running-shoe"));

        assertThat(registry.applyLinked("survivor", "integrative-pain", 1)).isTrue();

        assertThat(registry.find("survivor")).contains(new RegisteredPatient("survivor",
                Set.of("running-shoe", "integrative-pain"), PatientStatus.ACTIVE, null, 1));
    }

    @Test
    void survivorLinksDoNotReviveAnErasedPatient() {
        registry.applyErased("survivor", 5);

        registry.addSurvivorLinks("survivor", List.of("running-shoe"));

        assertThat(registry.find("survivor")).contains(
                new RegisteredPatient("survivor", Set.of(), PatientStatus.ERASED, null, 5));
    }
}
