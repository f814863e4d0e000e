package com.clinicbackbone.booking;

import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.TUESDAY;
import static java.time.DayOfWeek.WEDNESDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.clinicbackbone.events.PatientErased;
import com.clinicbackbone.events.PatientLinkedToClinic;
import com.clinicbackbone.events.PatientRegistered;
import com.clinicbackbone.events.PatientsMerged;
import com.clinicbackbone.security.DemoPersona;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.data.mongodb.core.query.Update;

/**
 * The patient registry projection fed by {@code clinic.patients.v1}, and what it means for booking: refusals (422
 * naming {@code patientId}), the short wait for a patient registered a moment ago, erasure and dead letters.
 */
class PatientRegistryIntegrationTest extends AbstractIntegrationTest {

    static final String DLQ = "clinic.patients.v1.booking-service.dlq";

    @Autowired
    ApplicationContext context;

    @Test
    void booksAPatientRegisteredAMomentAgo() {
        register(newPatient(), "running-shoe"); // the consumer is up and assigned
        String patientId = newPatient();

        publishRegistration(patientId, "running-shoe");
        Response booked = book(port, "running-shoe", "massage-60", "sofia-ramirez", patientId,
                at(1, MONDAY, "10:00"));

        assertThat(booked.status()).as(booked.text()).isEqualTo(201);
    }

    @Test
    void aBookingWaitsForARegistrationThatArrivesWhileItWaits() {
        register(newPatient(), "integrative-pain");
        String patientId = newPatient();
        long started = System.nanoTime();

        CompletableFuture<Response> booking = CompletableFuture.supplyAsync(() -> book(port, "integrative-pain",
                "pain-consultation", "liam-okafor", patientId, at(1, MONDAY, "08:00")));
        sleep(Duration.ofMillis(700));
        publishRegistration(patientId, "integrative-pain");
        Response booked = booking.join();

        assertThat(booked.status()).as(booked.text()).isEqualTo(201);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(700));
    }

    @Test
    void refusesAnUnknownPatientAfterWaitingAndStoresNothing() {
        String patientId = newPatient();
        Instant start = at(1, MONDAY, "11:00");
        long started = System.nanoTime();

        Response refused = book(port, "running-shoe", "massage-60", "sofia-ramirez", patientId, start);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        assertRefused(refused, "UNKNOWN", "No patient " + patientId + " is registered");
        assertNothingStored(patientId, "sofia-ramirez", start);
    }

    @Test
    void refusesAPatientNotLinkedToTheClinicUntilTheLinkArrives() {
        String patientId = newPatient();
        register(patientId, "running-shoe");
        Instant start = at(1, MONDAY, "09:00");

        Response refused = book(port, "calgary-concussion", "concussion-follow-up", "noah-tremblay", patientId,
                start);

        assertRefused(refused, "NOT_LINKED", "is not registered at clinic calgary-concussion");
        assertThat(refused.text()).doesNotContain("running-shoe");
        assertNothingStored(patientId, "noah-tremblay", start);

        publishPatientEvent(PatientLinkedToClinic.TYPE, patientId, nextRevision(patientId),
                new PatientLinkedToClinic(patientId, "calgary-concussion"));
        assertThat(book(port, "calgary-concussion", "concussion-follow-up", "noah-tremblay", patientId, start)
                .status()).isEqualTo(201);
    }

    @Test
    void refusesAMergedPatientNamingTheSurvivorWhoIsBookableAtBothClinics() {
        String merged = newPatient();
        String survivor = newPatient();
        register(merged, "integrative-pain");
        register(survivor, "running-shoe");

        publishPatientEvent(PatientsMerged.TYPE, merged, nextRevision(merged),
                new PatientsMerged(merged, survivor, List.of("running-shoe", "integrative-pain")));
        awaitPatientRevision(merged, patientRevisions.get(merged).get());

        Instant start = at(1, TUESDAY, "08:00");
        Response refused = book(port, "integrative-pain", "pain-consultation", "liam-okafor", merged, start);
        assertRefused(refused, "MERGED", "was merged into patient " + survivor);
        assertThat(refused.body().get("survivingPatientId").asText()).isEqualTo(survivor);
        assertNothingStored(merged, "liam-okafor", start);

        Response booked = book(port, "integrative-pain", "pain-consultation", "liam-okafor", survivor, start);
        assertThat(booked.status()).as(booked.text()).isEqualTo(201);
    }

    @Test
    void erasureLeavesOnlyThePatientIdAndRefusesNewBookings() {
        String patientId = newPatient();
        register(patientId, "running-shoe", "integrative-pain");
        String reason = "Migraines since the car crash " + UUID.randomUUID();
        String cancelled = id(book(port, "running-shoe", "physio-follow-up", "maya-chen", patientId,
                at(1, MONDAY, "09:00")));
        String booked = id(book(port, "integrative-pain", "trigger-point-injection", "liam-okafor", patientId,
                at(1, TUESDAY, "09:00")));
        assertThat(post("/api/appointments/" + cancelled + "/cancel", Map.of("reason", reason),
                DemoPersona.FRONTDESK_RUNNING_SHOE).status()).isEqualTo(200);
        assertThat(databaseText()).contains(reason);

        publishPatientEvent(PatientErased.TYPE, patientId, nextRevision(patientId), new PatientErased(patientId));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(databaseText()).doesNotContain(reason));
        Response afterwards = get("/api/appointments/" + cancelled, DemoPersona.FRONTDESK_RUNNING_SHOE);
        assertThat(afterwards.body().has("cancellationReason")).isFalse();
        assertThat(afterwards.body().get("patientId").asText()).isEqualTo(patientId);
        assertThat(afterwards.body().get("status").asText()).isEqualTo("CANCELLED");
        assertThat(get("/api/appointments/" + booked, DemoPersona.FRONTDESK_INTEGRATIVE_PAIN).body().get("patientId")
                .asText()).isEqualTo(patientId);
        Document registry = mongo.findById(patientId, Document.class, "patient_registry");
        assertThat(registry.getString("status")).isEqualTo("ERASED");
        assertThat(registry.getList("clinicIds", String.class)).isEmpty();

        Response refused = book(port, "running-shoe", "physio-follow-up", "maya-chen", patientId,
                at(1, MONDAY, "10:00"));
        assertRefused(refused, "ERASED", "was erased");

        Response cancelledLater = post("/api/appointments/" + booked + "/cancel", Map.of("reason", reason),
                DemoPersona.FRONTDESK_INTEGRATIVE_PAIN);
        assertThat(cancelledLater.status()).isEqualTo(200);
        assertThat(cancelledLater.body().has("cancellationReason")).isFalse();
        assertThat(databaseText()).doesNotContain(reason);
    }

    @Test
    void reasonsStoredBeforeTheyWereNotedAreErasedOnceTheBackfillRan() {
        String patientId = newPatient();
        String erasedBefore = newPatient();
        register(patientId, "running-shoe");
        register(erasedBefore, "running-shoe");
        String reason = "Knee surgery next month " + UUID.randomUUID();
        String earlierReason = "Pregnant, due in May " + UUID.randomUUID();
        String cancelled = id(book(port, "running-shoe", "physio-follow-up", "maya-chen", patientId,
                at(1, WEDNESDAY, "09:00")));
        String cancelledEarlier = id(book(port, "running-shoe", "physio-follow-up", "maya-chen", erasedBefore,
                at(1, WEDNESDAY, "10:00")));
        assertThat(post("/api/appointments/" + cancelled + "/cancel", Map.of("reason", reason),
                DemoPersona.FRONTDESK_RUNNING_SHOE).status()).isEqualTo(200);
        assertThat(post("/api/appointments/" + cancelledEarlier + "/cancel", Map.of("reason", earlierReason),
                DemoPersona.FRONTDESK_RUNNING_SHOE).status()).isEqualTo(200);
        // as stored before cancellations noted their reasons with the patient
        mongo.updateMulti(query(where("_id").in(patientId, erasedBefore)), new Update().unset("freeText"),
                "patient_registry");
        publishPatientEvent(PatientErased.TYPE, erasedBefore, nextRevision(erasedBefore),
                new PatientErased(erasedBefore));
        awaitPatientRevision(erasedBefore, patientRevisions.get(erasedBefore).get());
        assertThat(databaseText()).contains(earlierReason); // the erasure found nothing noted

        mongo.remove(query(where("_id").is("appointment-free-text-v1")), "backfills");
        context.getBean("freeTextBackfill", SmartInitializingSingleton.class).afterSingletonsInstantiated();

        assertThat(databaseText()).doesNotContain(earlierReason).contains(reason);
        assertThat(mongo.findById("appointment-free-text-v1", Document.class, "backfills")).isNotNull();
        publishPatientEvent(PatientErased.TYPE, patientId, nextRevision(patientId), new PatientErased(patientId));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(databaseText()).doesNotContain(reason));
    }

    @Test
    void ignoresAReplayedOlderEvent() {
        String patientId = newPatient();
        register(patientId, "running-shoe", "calgary-concussion");

        publishPatientEvent(PatientRegistered.TYPE, patientId, 1, new PatientRegistered(patientId,
                "integrative-pain"));
        long newest = nextRevision(patientId);
        publishPatientEvent(PatientLinkedToClinic.TYPE, patientId, newest,
                new PatientLinkedToClinic(patientId, "running-shoe"));

        Document stored = awaitPatientRevision(patientId, newest);
        assertThat(stored.getList("clinicIds", String.class))
                .containsExactlyInAnyOrder("running-shoe", "calgary-concussion");
        assertThat(stored.get("revision", Number.class).longValue()).isEqualTo(newest);
    }

    @Test
    void sendsAMalformedEventToTheDeadLetterTopicAndCarriesOn() {
        String patientId = newPatient();

        publishPatientEvent(PatientRegistered.TYPE, patientId, nextRevision(patientId), "{\"patientId\": ");
        publishPatientEvent(PatientRegistered.TYPE, patientId, nextRevision(patientId),
                new PatientRegistered(patientId, "running-shoe"));

        ConsumerRecord<String, String> dead = awaitRecord(DLQ, patientId, PatientRegistered.TYPE);
        assertThat(dead.value()).isEqualTo("{\"patientId\": ");
        assertThat(awaitPatientRevision(patientId, 2).getList("clinicIds", String.class))
                .containsExactly("running-shoe");
    }

    // --- helpers

    static String newPatient() {
        return UUID.randomUUID().toString();
    }

    static String id(Response booked) {
        assertThat(booked.status()).as(booked.text()).isEqualTo(201);
        return booked.body().get("id").asText();
    }

    void assertRefused(Response refused, String reason, String detail) {
        assertThat(refused.status()).as(refused.text()).isEqualTo(422);
        assertThat(refused.contentType()).isEqualTo("application/problem+json");
        assertThat(refused.body().get("reason").asText()).isEqualTo(reason);
        assertThat(refused.body().get("errors").get(0).get("field").asText()).isEqualTo("patientId");
        assertThat(refused.body().get("detail").asText()).contains("patientId").contains(detail);
    }

    void assertNothingStored(String patientId, String practitionerId, Instant start) {
        assertThat(mongo.count(query(where("patientId").is(patientId)), "appointments")).isZero();
        assertThat(CalendarDays.ofOwner(mongo, practitionerId, start, start.plus(Duration.ofHours(1)))).isEmpty();
    }

    /** Every document of every collection of the booking database, as JSON. */
    String databaseText() {
        StringBuilder text = new StringBuilder();
        for (String collection : mongo.getCollectionNames()) {
            mongo.getCollection(collection).find().forEach(document -> text.append(document.toJson()).append('\n'));
        }
        return text.toString();
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
