package com.clinicbackbone.booking;

import static com.clinicbackbone.security.DemoPersona.ANN_LEE_ID;
import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.WEDNESDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.clinicbackbone.security.DemoPersona;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.index.IndexInfo;
import org.springframework.data.mongodb.core.query.Update;

/** {@code Idempotency-Key} on {@code POST /api/appointments}: one booking per key and caller, the same answer. */
class IdempotencyIntegrationTest extends AbstractIntegrationTest {

    static final String PATIENT = "idempotency-patient";
    static volatile boolean registered;

    @BeforeEach
    void registerPatients() {
        if (!registered) {
            register(PATIENT, "running-shoe");
            register(ANN_LEE_ID, "running-shoe");
            registered = true;
        }
    }

    static Map<String, Object> booking(String patientId, Instant start) {
        return Map.of("clinicId", "running-shoe", "serviceId", "physio-follow-up", "practitionerId", "maya-chen",
                "patientId", patientId, "start", start.toString());
    }

    Response post(Map<String, Object> body, String key, DemoPersona persona) {
        return send(port, "POST", "/api/appointments", body, issuer.token(persona), Map.of("Idempotency-Key", key));
    }

    long bookedAt(Instant start) {
        return mongo.count(query(where("practitionerId").is("maya-chen").and("start").is(start)), "appointments");
    }

    Document keyRecord(String key) {
        return mongo.findOne(query(where("key").is(key)), Document.class, "idempotency_keys");
    }

    @Test
    void aRetryWithTheSameKeyBooksOnceAndGetsTheSameAnswer() {
        String key = UUID.randomUUID().toString();
        Instant start = at(10, MONDAY, "08:00");

        Response first = post(booking(PATIENT, start), key, DemoPersona.FRONTDESK_RUNNING_SHOE);
        Response retry = post(booking(PATIENT, start), key, DemoPersona.FRONTDESK_RUNNING_SHOE);

        assertThat(first.status()).as(first.text()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.text()).isEqualTo(first.text());
        assertThat(retry.location()).isEqualTo(first.location()).endsWith(first.body().get("id").asText());
        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.contentType()).startsWith("application/json");
        assertThat(bookedAt(start)).isEqualTo(1);
        assertThat(keyRecord(key).getString("subject")).isEqualTo("frontdesk-running-shoe");
    }

    @Test
    void theSameKeyWithAnotherRequestIsRefusedAndStoresNothing() {
        String key = UUID.randomUUID().toString();
        Instant start = at(10, MONDAY, "09:00");
        post(booking(PATIENT, start), key, DemoPersona.FRONTDESK_RUNNING_SHOE);

        Response other = post(booking(PATIENT, start.plus(Duration.ofHours(1))), key,
                DemoPersona.FRONTDESK_RUNNING_SHOE);

        assertThat(other.status()).isEqualTo(422);
        assertThat(other.contentType()).isEqualTo("application/problem+json");
        assertThat(other.body().get("errors").get(0).get("field").asText()).isEqualTo("Idempotency-Key");
        assertThat(bookedAt(start.plus(Duration.ofHours(1)))).isZero();
    }

    @Test
    void keysBelongToTheCaller() {
        String key = UUID.randomUUID().toString();
        Instant start = at(10, MONDAY, "13:00");

        Response desk = post(booking(PATIENT, start), key, DemoPersona.FRONTDESK_RUNNING_SHOE);
        Response ann = post(booking(ANN_LEE_ID, start.plus(Duration.ofHours(1))), key, DemoPersona.PATIENT_ANN_LEE);

        assertThat(desk.status()).isEqualTo(201);
        assertThat(ann.status()).as(ann.text()).isEqualTo(201);
        assertThat(ann.header("Idempotent-Replayed")).isNull();
        assertThat(ann.body().get("id").asText()).isNotEqualTo(desk.body().get("id").asText());
    }

    @Test
    void aFailedRequestIsNotRememberedAndItsRetryMayBook() {
        String key = UUID.randomUUID().toString();
        Instant start = at(10, WEDNESDAY, "08:00");
        Map<String, Object> unlinked = booking("idempotency-not-yet-registered", start);

        Response refused = post(unlinked, key, DemoPersona.FRONTDESK_RUNNING_SHOE);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(keyRecord(key)).isNull();

        register("idempotency-not-yet-registered", "running-shoe");
        Response retry = post(unlinked, key, DemoPersona.FRONTDESK_RUNNING_SHOE);
        assertThat(retry.status()).as(retry.text()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).isNull();
    }

    @Test
    void concurrentRetriesBookOnce() throws Exception {
        String key = UUID.randomUUID().toString();
        Instant start = at(10, WEDNESDAY, "09:00");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Response>> answers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            answers.add(pool.submit(() -> {
                go.await();
                return post(booking(PATIENT, start), key, DemoPersona.FRONTDESK_RUNNING_SHOE);
            }));
        }
        go.countDown();
        List<Response> responses = new ArrayList<>();
        for (Future<Response> answer : answers) {
            responses.add(answer.get());
        }
        pool.shutdown();

        assertThat(responses).allSatisfy(response -> assertThat(response.status()).isIn(201, 409));
        List<String> created = responses.stream().filter(response -> response.status() == 201)
                .map(Response::text).distinct().toList();
        assertThat(created).hasSize(1);
        assertThat(responses).filteredOn(response -> response.status() == 409).allSatisfy(response -> {
            assertThat(response.header("Retry-After")).isNotNull();
            assertThat(response.body().get("detail").asText()).contains("still being processed");
        });
        assertThat(bookedAt(start)).isEqualTo(1);
        Response later = post(booking(PATIENT, start), key, DemoPersona.FRONTDESK_RUNNING_SHOE);
        assertThat(later.text()).isEqualTo(created.get(0));
    }

    @Test
    void aRetryAfterACrashBeforeTheBookingWasStoredFencesTheReservedIdAndBooksUnderAnother() {
        String key = UUID.randomUUID().toString();
        Instant start = at(10, WEDNESDAY, "10:00");
        String id = post(booking(PATIENT, start), key, DemoPersona.FRONTDESK_RUNNING_SHOE).body().get("id").asText();
        // as if that attempt had died after recording the key and claiming the time, before storing the booking
        mongo.remove(query(where("_id").is(id)), "appointments");
        crashed(key);

        Response retry = post(booking(PATIENT, start), key, DemoPersona.FRONTDESK_RUNNING_SHOE);

        assertThat(retry.status()).as(retry.text()).isEqualTo(201);
        String again = retry.body().get("id").asText();
        assertThat(again).isNotEqualTo(id);
        assertThat(bookedAt(start)).isEqualTo(1);
        assertThat(CalendarDays.ofAppointment(mongo, again)).hasSize(6);
        assertThat(CalendarDays.ofAppointment(mongo, id)).isEmpty();
        // should the first attempt only have stalled, its insert under the reserved id fails now
        assertThat(mongo.findById(id, Document.class, "appointments").getBoolean("fenced")).isTrue();
        assertThat(get("/api/appointments/" + id, DemoPersona.FRONTDESK_RUNNING_SHOE).status()).isEqualTo(404);
        assertThat(keyRecord(key).getInteger("status")).isEqualTo(201);
        assertThat(keyRecord(key).getString("resourceId")).isEqualTo(again);
        Response replay = post(booking(PATIENT, start), key, DemoPersona.FRONTDESK_RUNNING_SHOE);
        assertThat(replay.body().get("id").asText()).isEqualTo(again);
    }

    @Test
    void aRetryAfterACrashOnceTheBookingWasStoredAnswersWithItAndBooksNothingMore() {
        String key = UUID.randomUUID().toString();
        Instant start = at(10, WEDNESDAY, "11:00");
        Response first = post(booking(PATIENT, start), key, DemoPersona.FRONTDESK_RUNNING_SHOE);
        crashed(key); // died after storing the booking, before remembering the answer

        Response retry = post(booking(PATIENT, start), key, DemoPersona.FRONTDESK_RUNNING_SHOE);

        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.text()).isEqualTo(first.text());
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(bookedAt(start)).isEqualTo(1);
    }

    @Test
    void aRetryWhileTheFirstAttemptStillRunsIsToldToComeBack() {
        String key = UUID.randomUUID().toString();
        Instant start = at(10, WEDNESDAY, "13:00");
        post(booking(PATIENT, start), key, DemoPersona.FRONTDESK_RUNNING_SHOE);
        mongo.updateFirst(query(where("key").is(key)), new Update().unset("status").unset("body")
                .set("leaseUntil", Instant.now().plus(Duration.ofSeconds(20))), "idempotency_keys");

        Response retry = post(booking(PATIENT, start), key, DemoPersona.FRONTDESK_RUNNING_SHOE);

        assertThat(retry.status()).isEqualTo(409);
        assertThat(Integer.parseInt(retry.header("Retry-After"))).isBetween(1, 20);
        assertThat(bookedAt(start)).isEqualTo(1);
    }

    @Test
    void rejectsAnOverlongKeyNamingTheHeader() {
        Response response = post(booking(PATIENT, at(10, FRIDAY, "08:00")), "k".repeat(256),
                DemoPersona.FRONTDESK_RUNNING_SHOE);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().get("errors").get(0).get("field").asText()).isEqualTo("Idempotency-Key");
        assertThat(bookedAt(at(10, FRIDAY, "08:00"))).isZero();
    }

    @Test
    void keysAreUniquePerCallerAndExpireAfterADay() {
        String key = UUID.randomUUID().toString();
        Response booked = post(booking(PATIENT, at(10, MONDAY, "15:30")), key, DemoPersona.FRONTDESK_RUNNING_SHOE);
        assertThat(booked.status()).as(booked.text()).isEqualTo(201);
        // the caller and the key are the record's _id: unique, and every read and change of it a key lookup
        assertThat(keyRecord(key).getString("_id")).isEqualTo("frontdesk-running-shoe".length()
                + ":frontdesk-running-shoe|" + key);
        List<IndexInfo> indexes = mongo.indexOps("idempotency_keys").getIndexInfo();
        assertThat(indexes).anySatisfy(index -> {
            assertThat(index.getIndexFields()).extracting(field -> field.getKey()).containsExactly("createdAt");
            assertThat(index.getExpireAfter()).contains(Duration.ofHours(24));
        });
    }

    /** Leaves the key's record unfinished with its lease run out, as a crashed attempt would. */
    private void crashed(String key) {
        mongo.updateFirst(query(where("key").is(key)), new Update().unset("status").unset("body")
                .set("leaseUntil", Instant.now().minus(Duration.ofSeconds(1))), "idempotency_keys");
    }
}
