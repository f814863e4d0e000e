package com.clinicbackbone.booking;

import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.SATURDAY;
import static java.time.DayOfWeek.THURSDAY;
import static java.time.DayOfWeek.TUESDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.clinicbackbone.booking.waitlist.FreedTime;
import com.clinicbackbone.booking.waitlist.WaitlistService;
import com.clinicbackbone.events.Envelope;
import com.clinicbackbone.events.PatientErased;
import com.clinicbackbone.events.PatientsMerged;
import com.clinicbackbone.events.Topics;
import com.clinicbackbone.events.WaitlistOfferAccepted;
import com.clinicbackbone.events.WaitlistOfferDeclined;
import com.clinicbackbone.events.WaitlistOfferExpired;
import com.clinicbackbone.events.WaitlistOfferMade;
import com.clinicbackbone.events.WaitlistOfferReplyReceived;
import com.clinicbackbone.security.DemoPersona;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import tools.jackson.databind.JsonNode;

/**
 * Issue 13's waitlist, end to end inside booking-service (real Kafka, the MongoDB-wire server, a second instance
 * where the proof needs one): entries, freed time offered oldest first and held on the calendar, yes / no / expiry,
 * and the guarantees: never two appointments for one freed time, an expired hold released by another instance when
 * the one that made it stopped, erased and merged patients' entries, withdrawn entries never offered. Each test has
 * its own practitioner and day (weeks 1 and 6 are this class's; Noah Tremblay's week 6 is EndpointAccessTest's).
 */
class WaitlistIntegrationTest extends AbstractIntegrationTest {

    static final Duration ASYNC = Duration.ofSeconds(30);

    @Autowired
    WaitlistService waitlist;

    @Test
    void entriesAreAddedCheckedReadListedAndWithdrawn() {
        String patient = patient("entries", "running-shoe");
        LocalDate date = day(1, MONDAY);

        Response missing = post("/api/waitlist", Map.of("clinicId", "running-shoe", "serviceId", "massage-60",
                "patientId", patient, "to", date.toString()), DemoPersona.FRONTDESK_RUNNING_SHOE);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.contentType()).startsWith("application/problem+json");
        assertThat(missing.body().get("errors").get(0).get("field").asText()).isEqualTo("from");
        Response backwards = post("/api/waitlist", request("running-shoe", "massage-60", null, patient, date,
                date.minusDays(1)), DemoPersona.FRONTDESK_RUNNING_SHOE);
        assertThat(backwards.status()).isEqualTo(400);
        assertThat(backwards.body().get("errors").get(0).get("field").asText()).isEqualTo("to");
        Response badWindow = post("/api/waitlist", Map.of("clinicId", "running-shoe", "serviceId", "massage-60",
                "patientId", patient, "from", date.toString(), "to", date.toString(), "times",
                List.of(Map.of("start", "12:00", "end", "08:00"))), DemoPersona.FRONTDESK_RUNNING_SHOE);
        assertThat(badWindow.status()).isEqualTo(400);
        assertThat(post("/api/waitlist", request("running-shoe", "no-such-service", null, patient, date, date),
                DemoPersona.FRONTDESK_RUNNING_SHOE).status()).isEqualTo(422);
        Response notProvided = post("/api/waitlist", request("running-shoe", "massage-60", "maya-chen", patient,
                date, date), DemoPersona.FRONTDESK_RUNNING_SHOE);
        assertThat(notProvided.status()).isEqualTo(422);
        assertThat(notProvided.body().get("rule").asText()).isEqualTo("NOT_PROVIDED");
        assertThat(post("/api/waitlist", request("running-shoe", "massage-60", null, patient, date, date),
                DemoPersona.PATIENT_ANN_LEE).status()).isEqualTo(403);
        assertThat(post("/api/waitlist", request("running-shoe", "massage-60", null, "no-such-patient", date, date),
                DemoPersona.FRONTDESK_RUNNING_SHOE).status()).isEqualTo(422);
        assertThat(mongo.count(query(where("patientId").is(patient)), "waitlist")).isZero();

        Map<String, Object> body = Map.of("clinicId", "running-shoe", "serviceId", "massage-60", "patientId",
                patient, "from", date.toString(), "to", date.plusDays(5).toString(), "times",
                List.of(Map.of("start", "10:00", "end", "12:00")), "weekdays", List.of("MONDAY", "TUESDAY"));
        String token = issuer.token(DemoPersona.FRONTDESK_RUNNING_SHOE);
        Response added = send(port, "POST", "/api/waitlist", body, token, Map.of("Idempotency-Key", "wl-" + patient));
        assertThat(added.status()).as(added.text()).isEqualTo(201);
        String id = added.body().get("id").asText();
        assertThat(added.location()).endsWith("/api/waitlist/" + id);
        assertThat(added.body().get("status").asText()).isEqualTo("WAITING");
        assertThat(added.body().get("times").get(0).get("start").asText()).isEqualTo("10:00");
        Response replayed = send(port, "POST", "/api/waitlist", body, token, Map.of("Idempotency-Key", "wl-" + patient));
        assertThat(replayed.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replayed.body().get("id").asText()).isEqualTo(id);

        assertThat(get("/api/waitlist/" + id, DemoPersona.FRONTDESK_RUNNING_SHOE).body().get("weekdays").toString())
                .isEqualTo("[\"MONDAY\",\"TUESDAY\"]");
        assertThat(get("/api/waitlist/" + id, DemoPersona.FRONTDESK_CALGARY_CONCUSSION).status()).isEqualTo(404);
        JsonNode list = get("/api/waitlist?clinicId=running-shoe&serviceId=massage-60",
                DemoPersona.FRONTDESK_RUNNING_SHOE).body();
        assertThat(ids(list)).contains(id);

        Response withdrawn = send(port, "DELETE", "/api/waitlist/" + id, null, token);
        assertThat(withdrawn.status()).as(withdrawn.text()).isEqualTo(200);
        assertThat(withdrawn.body().get("status").asText()).isEqualTo("WITHDRAWN");
        assertThat(send(port, "DELETE", "/api/waitlist/" + id, null, token).body().get("status").asText())
                .isEqualTo("WITHDRAWN");
        assertThat(ids(get("/api/waitlist?clinicId=running-shoe&serviceId=massage-60",
                DemoPersona.FRONTDESK_RUNNING_SHOE).body())).doesNotContain(id);
    }

    @Test
    void aCancellationIsOfferedToTheOldestMatchingEntryHeldForItAndAYesBooksIt() {
        LocalDate date = day(1, SATURDAY); // Sofia Ramirez, 09:00-13:00
        Instant start = at(date, "09:00");
        String booked = patient("yes-booked", "running-shoe");
        String withdrawn = patient("yes-withdrawn", "running-shoe");
        String first = patient("yes-first", "running-shoe");
        String second = patient("yes-second", "running-shoe");
        String withdrawnEntry = join(withdrawn, "running-shoe", "massage-60", "sofia-ramirez", date);
        String firstEntry = join(first, "running-shoe", "massage-60", null, date);
        String secondEntry = join(second, "running-shoe", "massage-60", "sofia-ramirez", date);
        assertThat(send(port, "DELETE", "/api/waitlist/" + withdrawnEntry, null,
                issuer.token(DemoPersona.FRONTDESK_RUNNING_SHOE)).status()).isEqualTo(200);
        String appointment = bookOk("running-shoe", "massage-60", "sofia-ramirez", booked, start);

        cancel(appointment);

        JsonNode offered = awaitStatus(firstEntry, "OFFERED");
        String offerId = offered.get("offer").get("id").asText();
        assertThat(Instant.parse(offered.get("offer").get("start").asText())).isEqualTo(start);
        assertThat(offered.get("offer").get("practitionerId").asText()).isEqualTo("sofia-ramirez");
        assertThat(Duration.between(Instant.now(), Instant.parse(offered.get("offer").get("expiresAt").asText())))
                .isBetween(Duration.ofMinutes(14), Duration.ofMinutes(15));
        assertThat(entry(secondEntry).get("status").asText()).isEqualTo("WAITING");
        assertThat(entry(withdrawnEntry).get("status").asText()).isEqualTo("WITHDRAWN");
        var event = awaitRecord(Topics.WAITLIST, firstEntry, WaitlistOfferMade.TYPE);
        assertThat(event.value()).contains(offerId).contains(first).doesNotContain("reason");
        // the time is held: nobody else can book it, and it is not offered as free
        Response desk = book(port, "running-shoe", "massage-60", "sofia-ramirez", patient("yes-desk", "running-shoe"),
                start);
        assertThat(desk.status()).as(desk.text()).isEqualTo(409);
        assertThat(get("/api/availability?clinicId=running-shoe&serviceId=massage-60&practitionerId=sofia-ramirez"
                + "&from=" + date + "&to=" + date, DemoPersona.FRONTDESK_RUNNING_SHOE).text())
                .doesNotContain(start.toString());

        publishAnswer(first, firstEntry, offerId, WaitlistOfferReplyReceived.ACCEPT);

        JsonNode done = awaitStatus(firstEntry, "BOOKED");
        assertThat(done.get("appointmentId").asText()).isEqualTo(offerId);
        JsonNode visit = get("/api/appointments/" + offerId, DemoPersona.FRONTDESK_RUNNING_SHOE).body();
        assertThat(visit.get("patientId").asText()).isEqualTo(first);
        assertThat(visit.get("status").asText()).isEqualTo("BOOKED");
        assertThat(Instant.parse(visit.get("start").asText())).isEqualTo(start);
        assertThat(awaitRecord(Topics.WAITLIST, firstEntry, WaitlistOfferAccepted.TYPE).value()).contains(offerId);
        assertThat(awaitRecord(Topics.APPOINTMENTS, offerId, "clinic.appointment.booked.v1")).isNotNull();
        assertThat(activeAppointmentsAt("sofia-ramirez", start)).containsExactly(offerId);
        assertThat(entry(secondEntry).get("status").asText()).isEqualTo("WAITING");
        // a second yes changes nothing
        publishAnswer(first, firstEntry, offerId, WaitlistOfferReplyReceived.ACCEPT);
        assertThat(waitlist.answer(firstEntry, offerId, first, true)).isEqualTo(WaitlistService.AnswerOutcome.IGNORED);
    }

    @Test
    void aNoAndThenAnExpiryPassTheTimeOnToTheNextEntryAndFinallyFreeIt() {
        LocalDate date = day(1, THURSDAY); // Noah Tremblay at the Concussion Centre, whose offers last seconds here
        Instant start = at(date, "09:00");
        String booked = patient("pass-booked", "calgary-concussion");
        String first = patient("pass-first", "calgary-concussion");
        String second = patient("pass-second", "calgary-concussion");
        String firstEntry = join(first, "calgary-concussion", "concussion-follow-up", "noah-tremblay", date);
        String secondEntry = join(second, "calgary-concussion", "concussion-follow-up", null, date);
        String appointment = bookOk("calgary-concussion", "concussion-follow-up", "noah-tremblay", booked, start);

        cancel(appointment);
        String firstOffer = awaitStatus(firstEntry, "OFFERED").get("offer").get("id").asText();
        publishAnswer(first, firstEntry, firstOffer, WaitlistOfferReplyReceived.DECLINE);

        JsonNode secondOffered = awaitStatus(secondEntry, "OFFERED");
        Response late = post("/api/waitlist/" + firstEntry + "/accept", Map.of("offerId", firstOffer),
                DemoPersona.FRONTDESK_CALGARY_CONCUSSION);
        assertThat(late.status()).as("the first offer is closed: %s", late.text()).isEqualTo(409);
        assertThat(Instant.parse(secondOffered.get("offer").get("start").asText())).isEqualTo(start);
        assertThat(entry(firstEntry).get("status").asText()).isEqualTo("WAITING");
        assertThat(awaitRecord(Topics.WAITLIST, firstEntry, WaitlistOfferDeclined.TYPE).value())
                .contains("\"reason\":\"PATIENT\"");

        awaitStatus(secondEntry, "WAITING"); // nobody answered: expired, and nobody is left who has not passed it
        assertThat(awaitRecord(Topics.WAITLIST, secondEntry, WaitlistOfferExpired.TYPE).value())
                .contains(secondOffered.get("offer").get("id").asText());
        assertThat(entry(firstEntry).get("status").asText()).isEqualTo("WAITING");
        Response desk = book(port, "calgary-concussion", "concussion-follow-up", "noah-tremblay",
                patient("pass-desk", "calgary-concussion"), start);
        assertThat(desk.status()).as("the time is free again: %s", desk.text()).isEqualTo(201);
    }

    @Test
    void aYesRacingDeskBookingsOnTwoInstancesLeavesExactlyOneAppointmentForTheFreedTime() throws Exception {
        LocalDate date = day(6, MONDAY); // Amira Haddad, trigger point injections
        Instant start = at(date, "10:00");
        String booked = patient("race-booked", "running-shoe");
        String waiting = patient("race-waiting", "running-shoe");
        List<String> others = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            others.add(patient("race-desk-" + i, "running-shoe"));
        }
        String entryId = join(waiting, "running-shoe", "trigger-point-injection", "amira-haddad", date);
        String appointment = bookOk("running-shoe", "trigger-point-injection", "amira-haddad", booked, start);
        String token = issuer.token(DemoPersona.FRONTDESK_RUNNING_SHOE);

        try (ConfigurableApplicationContext second = startSecondInstance()) {
            int secondPort = Integer.parseInt(second.getEnvironment().getProperty("local.server.port"));
            assertThat(send(secondPort, "GET", "/api/clinics", null, token).status()).isEqualTo(200);
            cancel(appointment);
            String offerId = awaitStatus(entryId, "OFFERED").get("offer").get("id").asText();

            ExecutorService pool = Executors.newFixedThreadPool(others.size());
            try {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Response>> desks = new ArrayList<>();
                for (int i = 0; i < others.size(); i++) {
                    String other = others.get(i);
                    int instance = i % 2 == 0 ? port : secondPort;
                    desks.add(pool.submit(() -> {
                        go.await();
                        return book(instance, "running-shoe", "trigger-point-injection", "amira-haddad", other,
                                start, token);
                    }));
                }
                go.countDown();
                publishAnswer(waiting, entryId, offerId, WaitlistOfferReplyReceived.ACCEPT);
                for (Future<Response> desk : desks) {
                    Response answer = desk.get();
                    assertThat(answer.status()).as(answer.text()).isEqualTo(409);
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(awaitStatus(entryId, "BOOKED").get("appointmentId").asText()).isEqualTo(offerId);
            assertThat(activeAppointmentsAt("amira-haddad", start)).containsExactly(offerId);

            // the same freed time handled twice at once (a redelivery, both instances): one offer, one hold
            Instant later = at(date, "14:00");
            String one = join(patient("race-twice-1", "running-shoe"), "running-shoe", "trigger-point-injection",
                    "amira-haddad", date);
            String two = join(patient("race-twice-2", "running-shoe"), "running-shoe", "trigger-point-injection",
                    "amira-haddad", date);
            FreedTime freed = new FreedTime("running-shoe", "amira-haddad", later, later.plus(Duration.ofMinutes(30)),
                    Instant.now());
            WaitlistService other = second.getBean(WaitlistService.class);
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService twice = Executors.newFixedThreadPool(2);
            try {
                Future<?> here = twice.submit(() -> {
                    go.await();
                    return waitlist.offer(freed);
                });
                Future<?> there = twice.submit(() -> {
                    go.await();
                    return other.offer(freed);
                });
                go.countDown();
                here.get();
                there.get();
            } finally {
                twice.shutdownNow();
            }
            List<String> statuses = List.of(entry(one).get("status").asText(), entry(two).get("status").asText());
            assertThat(statuses).containsExactlyInAnyOrder("OFFERED", "WAITING");
            assertThat(statuses.get(0)).as("the older entry gets it").isEqualTo("OFFERED");
            assertThat(holdersAt("amira-haddad", later)).hasSize(1);
        }
    }

    @Test
    void anExpiredHoldIsReleasedAndPassedOnByAnotherInstanceWhenTheOneThatMadeItStopped() {
        LocalDate date = day(1, MONDAY); // Noah Tremblay at the Concussion Centre: offers last seconds here
        Instant start = at(date, "11:00");
        String first = join(patient("death-first", "calgary-concussion"), "calgary-concussion",
                "concussion-follow-up", "noah-tremblay", date);
        String second = join(patient("death-second", "calgary-concussion"), "calgary-concussion",
                "concussion-follow-up", "noah-tremblay", date);
        FreedTime freed = new FreedTime("calgary-concussion", "noah-tremblay", start,
                start.plus(Duration.ofMinutes(30)), Instant.now());

        String offerId;
        try (ConfigurableApplicationContext other = startSecondInstance()) {
            assertThat(other.getBean(WaitlistService.class).offer(freed)).isPresent();
            offerId = entry(first).get("offer").get("id").asText();
        } // the instance that made the offer (and filed its expiry) stops before it expires

        // the first offer's hold, unless its few seconds ran out while that instance was stopping (a loaded machine)
        assertThat(holdersAt("noah-tremblay", start)).isSubsetOf(offerId);
        JsonNode passedOn = awaitStatus(second, "OFFERED");
        assertThat(passedOn.get("offer").get("id").asText()).isNotEqualTo(offerId);
        assertThat(entry(first).get("status").asText()).isEqualTo("WAITING");
        assertThat(holdersAt("noah-tremblay", start)).containsExactly(passedOn.get("offer").get("id").asText());
        awaitStatus(second, "WAITING");
        await().atMost(ASYNC).until(() -> holdersAt("noah-tremblay", start).isEmpty());
    }

    @Test
    void anErasedPatientsEntryIsDroppedAndItsOfferPassedOnAndAMergedPatientsEntryMovesToTheSurvivor() {
        LocalDate date = day(1, TUESDAY); // Liam Okafor at the pain clinic
        Instant start = at(date, "09:00");
        String erased = patient("erased", "integrative-pain");
        String next = patient("erased-next", "integrative-pain");
        String erasedEntry = join(erased, "integrative-pain", "trigger-point-injection", "liam-okafor", date);
        String nextEntry = join(next, "integrative-pain", "trigger-point-injection", null, date);
        assertThat(waitlist.offer(new FreedTime("integrative-pain", "liam-okafor", start,
                start.plus(Duration.ofMinutes(30)), Instant.now()))).isPresent();
        assertThat(entry(erasedEntry).get("status").asText()).isEqualTo("OFFERED");

        publishPatientEvent(PatientErased.TYPE, erased, nextRevision(erased), new PatientErased(erased));

        awaitStatus(erasedEntry, "REMOVED");
        JsonNode passedOn = awaitStatus(nextEntry, "OFFERED");
        assertThat(holdersAt("liam-okafor", start)).containsExactly(passedOn.get("offer").get("id").asText());
        assertThat(awaitRecord(Topics.WAITLIST, erasedEntry, "clinic.waitlist.withdrawn.v1").value())
                .contains("PATIENT_ERASED");

        String merged = patient("merged", "integrative-pain");
        String survivor = patient("merged-survivor", "integrative-pain");
        String mergedEntry = join(merged, "integrative-pain", "trigger-point-injection", null, day(1, THURSDAY));
        publishPatientEvent(PatientsMerged.TYPE, merged, nextRevision(merged),
                new PatientsMerged(merged, survivor, List.of("integrative-pain")));
        await().atMost(ASYNC).until(() -> survivor.equals(entry(mergedEntry).get("patientId").asText()));
        assertThat(entry(mergedEntry).get("status").asText()).isEqualTo("WAITING");
        assertThat(mongo.findById(survivor, Document.class, "waitlist_patients").getList("entryIds", String.class))
                .contains(mergedEntry);
    }

    @Test
    void timeTheScheduleAddsIsOfferedTooExtraHoursToSeveralEntriesAndRemovedLeave() {
        LocalDate sunday = day(6, DayOfWeek.SUNDAY); // nobody works on Sundays
        String first = join(patient("schedule-first", "running-shoe"), "running-shoe", "massage-60", "sofia-ramirez",
                sunday);
        String second = join(patient("schedule-second", "running-shoe"), "running-shoe", "massage-60", null, sunday);

        extraHours("sofia-ramirez", "running-shoe", sunday.atTime(10, 0), sunday.atTime(12, 0));

        JsonNode one = awaitStatus(first, "OFFERED");
        JsonNode two = awaitStatus(second, "OFFERED");
        assertThat(Instant.parse(one.get("offer").get("start").asText())).isEqualTo(at(sunday, "10:00"));
        assertThat(Instant.parse(two.get("offer").get("start").asText())).isEqualTo(at(sunday, "11:00"));
        // taken on the patients' page (or by the desk on the phone): booked at once
        Response taken = post("/api/waitlist/" + second + "/accept", Map.of("offerId",
                two.get("offer").get("id").asText()), DemoPersona.FRONTDESK_RUNNING_SHOE);
        assertThat(taken.status()).as(taken.text()).isEqualTo(200);
        assertThat(taken.body().get("status").asText()).isEqualTo("BOOKED");
        assertThat(taken.body().get("appointmentId").asText()).isEqualTo(two.get("offer").get("id").asText());

        LocalDate wednesday = day(1, DayOfWeek.WEDNESDAY); // Noah Tremblay at the Concussion Centre
        Response leave = post("/api/practitioners/noah-tremblay/exceptions", Map.of("kind", "LEAVE", "start",
                wednesday.atStartOfDay().toString(), "end", wednesday.plusDays(1).atStartOfDay().toString()),
                DemoPersona.FRONTDESK_CALGARY_CONCUSSION);
        assertThat(leave.status()).as(leave.text()).isEqualTo(201);
        String waiting = join(patient("schedule-leave", "calgary-concussion"), "calgary-concussion",
                "concussion-follow-up", "noah-tremblay", wednesday);
        assertThat(send(port, "DELETE", "/api/practitioners/noah-tremblay/exceptions/"
                + leave.body().get("id").asText(), null, issuer.token(DemoPersona.FRONTDESK_CALGARY_CONCUSSION))
                .status()).isEqualTo(204);

        JsonNode offered = awaitStatus(waiting, "OFFERED");
        assertThat(Instant.parse(offered.get("offer").get("start").asText())).isEqualTo(at(wednesday, "08:00"));
    }

    // --- fixtures

    private String patient(String name, String clinicId) {
        String id = "waitlist-" + name;
        if (!patientRevisions.containsKey(id)) {
            register(id, clinicId);
        }
        return id;
    }

    private static Map<String, Object> request(String clinicId, String serviceId, String practitionerId,
                                               String patientId, LocalDate from, LocalDate to) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("clinicId", clinicId, "serviceId", serviceId,
                "patientId", patientId, "from", from.toString(), "to", to.toString()));
        if (practitionerId != null) {
            body.put("practitionerId", practitionerId);
        }
        return body;
    }

    /** Puts the patient on the waitlist for that one date (as the clinic's desk); returns the entry's id. */
    private String join(String patientId, String clinicId, String serviceId, String practitionerId, LocalDate date) {
        Response added = post("/api/waitlist", request(clinicId, serviceId, practitionerId, patientId, date, date),
                frontDesk(clinicId));
        assertThat(added.status()).as(added.text()).isEqualTo(201);
        return added.body().get("id").asText();
    }

    private String bookOk(String clinicId, String serviceId, String practitionerId, String patientId, Instant start) {
        Response booked = book(port, clinicId, serviceId, practitionerId, patientId, start);
        assertThat(booked.status()).as(booked.text()).isEqualTo(201);
        return booked.body().get("id").asText();
    }

    private void cancel(String appointmentId) {
        String clinicId = mongo.findById(appointmentId, Document.class, "appointments").getString("clinicId");
        Response cancelled = post("/api/appointments/" + appointmentId + "/cancel", Map.of("reason", "moved away"),
                frontDesk(clinicId));
        assertThat(cancelled.status()).as(cancelled.text()).isEqualTo(200);
    }

    private JsonNode entry(String id) {
        Document stored = mongo.findById(id, Document.class, "waitlist");
        Response response = get("/api/waitlist/" + id, frontDesk(stored.getString("clinicId")));
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return response.body();
    }

    private JsonNode awaitStatus(String id, String status) {
        return await("waitlist entry " + id + " " + status).atMost(ASYNC).until(() -> entry(id),
                entry -> status.equals(entry.get("status").asText()));
    }

    private static List<String> ids(JsonNode list) {
        List<String> ids = new ArrayList<>();
        list.forEach(node -> ids.add(node.get("id").asText()));
        return ids;
    }

    /** The booked or confirmed appointments of the practitioner starting then. */
    private List<String> activeAppointmentsAt(String practitionerId, Instant start) {
        return mongo.find(query(where("practitionerId").is(practitionerId).and("start").is(start)
                .and("status").in("BOOKED", "CONFIRMED")), Document.class, "appointments").stream()
                .map(it -> it.getString("_id")).toList();
    }

    /** The ids whose claims hold the practitioner's calendar at that instant. */
    private List<String> holdersAt(String practitionerId, Instant instant) {
        return CalendarDays.all(mongo).stream().filter(it -> it.owner().equals(practitionerId)
                && it.bucket().equals(instant)).map(CalendarDays.Bucket::appointmentId).distinct().toList();
    }

    /** The patient's SMS answer to an offer, as notification-service publishes it. */
    private void publishAnswer(String patientId, String entryId, String offerId, String action) {
        Instant at = Instant.now();
        Envelope envelope = Envelope.of(WaitlistOfferReplyReceived.TYPE, "/notification-service", at, patientId,
                null, at.toEpochMilli());
        var record = new ProducerRecord<>(Topics.NOTIFICATIONS, patientId, json.writeValueAsString(
                new WaitlistOfferReplyReceived(offerId, entryId, patientId, "x", action, at)));
        envelope.headers().forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        try (var producer = new KafkaProducer<>(KafkaTestUtils.producerProps(kafka), new StringSerializer(),
                new StringSerializer())) {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not publish the answer", e);
        }
    }

    private ConfigurableApplicationContext startSecondInstance() {
        return new SpringApplicationBuilder(BookingServiceApplication.class).run("--server.port=0",
                "--spring.main.banner-mode=off", "--spring.mongodb.uri=" + MONGO_URI,
                "--spring.cloud.stream.kafka.binder.brokers=" + kafka.getBrokersAsString(),
                "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + issuer.uri(),
                "--booking.waitlist.offer-windows.calgary-concussion=" + SHORT_OFFER_WINDOW,
                "--booking.waitlist.sweep-interval=200ms");
    }
}
