package com.clinicbackbone.patient.patient.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.IndexOperations;
import org.springframework.data.mongodb.core.index.MongoPersistentEntityIndexResolver;

/** The practitioner–patient pairs against mongo-java-server, with the indexes the document declares. */
class MongoPractitionerPatientsTest {

    MongoServer server;
    MongoClient client;
    MongoTemplate mongo;
    MongoPractitionerPatients pairs;

    @BeforeEach
    void start() {
        server = new MongoServer(new MemoryBackend());
        InetSocketAddress address = server.bind();
        client = MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort());
        mongo = new MongoTemplate(client, "patients");
        IndexOperations indexes = mongo.indexOps(PractitionerPatientDocument.class);
        new MongoPersistentEntityIndexResolver(mongo.getConverter().getMappingContext())
                .resolveIndexFor(PractitionerPatientDocument.class).forEach(indexes::createIndex);
        pairs = new MongoPractitionerPatients(mongo);
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    List<Document> stored() {
        return mongo.findAll(Document.class, PractitionerPatientDocument.COLLECTION);
    }

    @Test
    void storesEachPairOnceWithIdsOnly() {
        pairs.add("maya-chen", "p-1");
        pairs.add("maya-chen", "p-1");
        pairs.add("maya-chen", "p-2");
        pairs.add("noah-tremblay", "p-1");

        assertThat(stored()).hasSize(3);
        assertThat(stored()).allSatisfy(document -> assertThat(document.keySet())
                .containsOnly("_id", "practitionerId", "patientId"));
        assertThat(pairs.contains("maya-chen", "p-1")).isTrue();
        assertThat(pairs.contains("noah-tremblay", "p-2")).isFalse();
        assertThat(pairs.patientsOf("maya-chen")).containsExactlyInAnyOrder("p-1", "p-2");
        assertThat(pairs.patientsOf("nobody")).isEmpty();
    }

    @Test
    void theUniqueIndexRefusesASecondCopyOfAPair() {
        mongo.insert(new PractitionerPatientDocument(null, "maya-chen", "p-1"));

        assertThatThrownBy(() -> mongo.insert(new PractitionerPatientDocument(null, "maya-chen", "p-1")))
                .isInstanceOf(DuplicateKeyException.class);
    }

    @Test
    void addsTheSamePairFromManyThreadsAtOnceWithoutFailing() {
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Void>> adds = IntStream.range(0, 8).mapToObj(i -> CompletableFuture.runAsync(() -> {
            try {
                go.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            pairs.add("maya-chen", "p-1");
        })).toList();
        go.countDown();

        CompletableFuture.allOf(adds.toArray(CompletableFuture[]::new)).join();
        assertThat(stored()).hasSize(1);
    }

    @Test
    void movesThePairsOfAMergedPatientToTheSurvivor() {
        pairs.add("maya-chen", "merged");
        pairs.add("noah-tremblay", "merged");
        pairs.add("noah-tremblay", "survivor");
        pairs.add("maya-chen", "someone-else");

        pairs.move("merged", "survivor");
        pairs.move("merged", "survivor");

        assertThat(pairs.patientsOf("maya-chen")).containsExactlyInAnyOrder("survivor", "someone-else");
        assertThat(pairs.patientsOf("noah-tremblay")).containsExactly("survivor");
        assertThat(stored()).hasSize(3);
    }

    @Test
    void movingAPatientOntoItselfKeepsItsPairs() {
        pairs.add("maya-chen", "p-1");

        pairs.move("p-1", "p-1");

        assertThat(pairs.contains("maya-chen", "p-1")).isTrue();
    }
}
