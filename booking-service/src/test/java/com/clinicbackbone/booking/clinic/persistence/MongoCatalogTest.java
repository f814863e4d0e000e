package com.clinicbackbone.booking.clinic.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.clinicbackbone.booking.clinic.ClinicService;
import com.clinicbackbone.booking.clinic.DemoCatalog;
import com.clinicbackbone.booking.clinic.Resource;
import com.clinicbackbone.booking.clinic.Practitioner;
import com.clinicbackbone.booking.persistence.ReferenceCache;
import com.clinicbackbone.messaging.testing.MongoRoundTrips;
import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

class MongoCatalogTest {

    final MongoServer server = new MongoServer(new MemoryBackend());
    final InetSocketAddress address = server.bind();
    final MongoRoundTrips roundTrips = new MongoRoundTrips();
    final MongoClient client = MongoClients.create(MongoClientSettings.builder()
            .applyConnectionString(new ConnectionString("mongodb://" + address.getHostString() + ":"
                    + address.getPort())).addCommandListener(roundTrips).build());
    final MongoTemplate mongo = new MongoTemplate(client, "booking");
    final MongoCatalog catalog = new MongoCatalog(mongo, ReferenceCache.Settings.DEFAULT);

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void seedingAgainAtARestartAddsNoDuplicates() {
        new CatalogSeeder(mongo, catalog).seed();
        new CatalogSeeder(mongo, catalog).seed();

        assertThat(mongo.getCollection(MongoCatalog.CLINICS).countDocuments()).isEqualTo(3);
        assertThat(mongo.getCollection(MongoCatalog.PRACTITIONERS).countDocuments()).isEqualTo(5);
        assertThat(mongo.getCollection(MongoCatalog.SERVICES).countDocuments()).isEqualTo(16);
        assertThat(mongo.getCollection(MongoCatalog.RESOURCES).countDocuments()).isEqualTo(2);
    }

    @Test
    void findsTheSameServiceIdPerClinic() {
        new CatalogSeeder(mongo, catalog).seed();

        ClinicService prolotherapy = catalog.service("running-shoe", "prolotherapy").orElseThrow();
        assertThat(prolotherapy).isEqualTo(DemoCatalog.SERVICES.stream()
                .filter(it -> it.clinicId().equals("running-shoe") && it.id().equals("prolotherapy")).findFirst()
                .orElseThrow());
        assertThat(prolotherapy.bufferAfterMinutes()).isEqualTo(15);
        assertThat(prolotherapy.onlineBookable()).isFalse();
        assertThat(prolotherapy.resourceKind()).isEqualTo("ULTRASOUND");
        assertThat(prolotherapy.prerequisite()).isEqualTo(new ClinicService.Prerequisite("prolotherapy-consultation",
                Duration.ofDays(180)));
        assertThat(prolotherapy.aftercare()).contains("strenuous activity");
        assertThat(catalog.service("integrative-pain", "prolotherapy")).get()
                .extracting(ClinicService::clinicId).isEqualTo("integrative-pain");
        assertThat(catalog.service("calgary-concussion", "prolotherapy")).isEmpty();
        assertThat(catalog.services("calgary-concussion")).extracting(ClinicService::id)
                .containsExactlyInAnyOrder("concussion-baseline", "concussion-follow-up", "physio-follow-up");
    }

    @Test
    void keepsEachServicesLateCancellationWindowAndDefaultsOneStoredWithout() {
        new CatalogSeeder(mongo, catalog).seed();
        mongo.save(ServiceDocument.of(new ClinicService("nerve-block", "integrative-pain", "Nerve block", 30,
                Duration.ofHours(48))), MongoCatalog.SERVICES);
        mongo.getCollection(MongoCatalog.SERVICES).updateOne(new Document("_id", "running-shoe|massage-60"),
                new Document("$unset", new Document("lateCancellationWindow", "")));
        catalog.changed();

        assertThat(catalog.service("integrative-pain", "nerve-block")).get()
                .extracting(ClinicService::lateCancellationWindow).isEqualTo(Duration.ofHours(48));
        assertThat(catalog.service("running-shoe", "massage-60")).get()
                .extracting(ClinicService::lateCancellationWindow).isEqualTo(Duration.ofHours(24));
        assertThat(catalog.services("calgary-concussion")).extracting(ClinicService::lateCancellationWindow)
                .containsOnly(Duration.ofHours(24));
    }

    @Test
    void listsThePractitionersWorkingAtAClinic() {
        new CatalogSeeder(mongo, catalog).seed();

        assertThat(catalog.practitionersAt("running-shoe")).extracting(Practitioner::id)
                .containsExactlyInAnyOrder("maya-chen", "liam-okafor", "sofia-ramirez", "amira-haddad");
        assertThat(catalog.resources("running-shoe")).extracting(Resource::id).containsExactly("rs-ultrasound-1");
        assertThat(catalog.practitionersAt("calgary-concussion")).extracting(Practitioner::id)
                .containsExactlyInAnyOrder("maya-chen", "noah-tremblay");
        assertThat(catalog.practitioner("maya-chen")).get().extracting(Practitioner::clinicIds)
                .isEqualTo(java.util.List.of("running-shoe", "calgary-concussion"));
        assertThat(catalog.clinic("running-shoe")).get().extracting(c -> c.timeZone())
                .isEqualTo("America/Edmonton");
    }

    @Test
    void warmReadsMakeNoRoundTripAndASaveIsReadBackAtOnce() {
        new CatalogSeeder(mongo, catalog).seed();
        roundTrips.reset();

        for (int i = 0; i < 10; i++) {
            assertThat(catalog.clinics()).hasSize(3);
            assertThat(catalog.clinic("running-shoe")).isPresent();
            assertThat(catalog.service("running-shoe", "prp-injection")).isPresent();
            assertThat(catalog.services("running-shoe")).hasSize(10);
            assertThat(catalog.resources("running-shoe")).hasSize(1);
            assertThat(catalog.practitionersAt("running-shoe")).hasSize(4);
            assertThat(catalog.practitioner("maya-chen")).isPresent();
        }
        assertThat(roundTrips.commands()).isEmpty();

        catalog.save(new Resource("rs-ultrasound-2", "running-shoe", "Ultrasound 2", DemoCatalog.ULTRASOUND));
        catalog.save(new ClinicService("nerve-block", "integrative-pain", "Nerve block", 30));

        assertThat(catalog.resources("running-shoe")).extracting(Resource::id)
                .containsExactly("rs-ultrasound-1", "rs-ultrasound-2");
        assertThat(catalog.service("integrative-pain", "nerve-block")).isPresent();
        assertThat(catalog.services("integrative-pain")).extracting(ClinicService::name).isSorted();
    }
}
