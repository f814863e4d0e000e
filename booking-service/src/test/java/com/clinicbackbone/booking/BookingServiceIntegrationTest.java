package com.clinicbackbone.booking;

import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.WEDNESDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.clinicbackbone.events.AppointmentBooked;
import com.clinicbackbone.events.AppointmentCancelled;
import com.clinicbackbone.events.Topics;
import com.clinicbackbone.security.DemoPersona;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/** Booking, cancelling and the catalog, against a real Kafka broker and the MongoDB-wire server. */
class BookingServiceIntegrationTest extends AbstractIntegrationTest {

    @Test
    void booksAndPublishesAppointmentBooked() {
        Instant start = at(0, MONDAY, "09:00");
        register("patient-1", "running-shoe");

        Response booked = book(port, "running-shoe", "physio-assessment", "maya-chen", "patient-1", start);

        assertThat(booked.status()).as(booked.text()).isEqualTo(201);
        String id = booked.body().get("id").asText();
        assertThat(booked.location()).endsWith("/api/appointments/" + id);
        assertThat(booked.body().get("start").asText()).isEqualTo(start.toString());
        assertThat(booked.body().get("end").asText()).isEqualTo(start.plus(Duration.ofMinutes(60)).toString());
        assertThat(booked.body().get("status").asText()).isEqualTo("BOOKED");
        assertThat(booked.body().get("revision").asLong()).isEqualTo(1);
        assertThat(booked.body().has("createdAt")).isTrue();
        assertThat(get("/api/appointments/" + id, DemoPersona.FRONTDESK_RUNNING_SHOE).body())
                .isEqualTo(booked.body());

        ConsumerRecord<String, String> event = awaitRecord(Topics.APPOINTMENTS, id, AppointmentBooked.TYPE);
        assertThat(header(event, "ce_id")).isNotBlank();
        assertThat(header(event, "ce_source")).isEqualTo("/booking-service");
        assertThat(header(event, "ce_subject")).isEqualTo(id);
        assertThat(header(event, "ce_clinicid")).isEqualTo("running-shoe");
        assertThat(header(event, "ce_revision")).isEqualTo("1");
        assertThat(header(event, "ce_time")).isNotBlank();
        assertThat(event.value()).contains("\"start\":\"" + start + "\"");
        AppointmentBooked payload = json.readValue(event.value(), AppointmentBooked.class);
        assertThat(payload).isEqualTo(new AppointmentBooked(id, "running-shoe", "physio-assessment", "maya-chen",
                "patient-1", start, start.plus(Duration.ofMinutes(60)), "BOOKED"));
        await().atMost(Duration.ofSeconds(10)).until(() -> !mongo.findById(id, Document.class, "appointments")
                .getBoolean("outboxPending"));
    }

    @Test
    void rejectsOverlappingBookingAtAnotherClinic() {
        Instant start = at(0, MONDAY, "13:00");
        register("patient-2", "running-shoe");
        register("patient-3", "calgary-concussion");
        // a Monday is a running-shoe day for maya-chen; with extra hours at the concussion centre her calendar is one
        extraHours("maya-chen", "calgary-concussion", day(0, MONDAY).atTime(13, 0), day(0, MONDAY).atTime(14, 0));
        assertThat(book(port, "running-shoe", "physio-follow-up", "maya-chen", "patient-2", start).status())
                .isEqualTo(201);

        Response overlapping = book(port, "calgary-concussion", "concussion-follow-up", "maya-chen", "patient-3",
                start.plus(Duration.ofMinutes(15)));

        assertThat(overlapping.status()).isEqualTo(409);
        assertThat(overlapping.contentType()).isEqualTo("application/problem+json");
        assertThat(overlapping.text()).doesNotContain("patient-2").doesNotContain("running-shoe");
        assertThat(mongo.count(query(where("practitionerId").is("maya-chen").and("start")
                .gte(start).lt(start.plus(Duration.ofHours(1)))), "appointments")).isEqualTo(1);
    }

    @Test
    void acceptsAdjacentAppointmentsAtTwoClinics() {
        Instant start = at(0, WEDNESDAY, "10:00");
        register("patient-4", "running-shoe");
        register("patient-5", "calgary-concussion");
        register("patient-6", "calgary-concussion");
        extraHours("maya-chen", "calgary-concussion", day(0, WEDNESDAY).atTime(9, 0),
                day(0, WEDNESDAY).atTime(11, 0));

        Response first = book(port, "running-shoe", "physio-follow-up", "maya-chen", "patient-4", start);
        Response next = book(port, "calgary-concussion", "concussion-follow-up", "maya-chen", "patient-5",
                start.plus(Duration.ofMinutes(30)));
        Response before = book(port, "calgary-concussion", "physio-follow-up", "maya-chen", "patient-6",
                start.minus(Duration.ofMinutes(30)));

        assertThat(List.of(first.status(), next.status(), before.status())).containsOnly(201);
    }

    @Test
    void cancelPublishesAppointmentCancelledAndFreesTheTime() {
        Instant start = at(0, MONDAY, "10:00");
        register("patient-7", "integrative-pain");
        register("patient-8", "integrative-pain");
        String id = book(port, "integrative-pain", "pain-consultation", "liam-okafor", "patient-7", start)
                .body().get("id").asText();

        Response cancelled = post("/api/appointments/" + id + "/cancel",
                Map.of("reason", "Patient called: flare-up"), DemoPersona.FRONTDESK_INTEGRATIVE_PAIN);

        assertThat(cancelled.status()).as(cancelled.text()).isEqualTo(200);
        assertThat(cancelled.body().get("status").asText()).isEqualTo("CANCELLED");
        assertThat(cancelled.body().get("revision").asLong()).isEqualTo(2);
        assertThat(cancelled.body().get("cancellationReason").asText()).isEqualTo("Patient called: flare-up");
        assertThat(cancelled.body().has("cancelledAt")).isTrue();

        ConsumerRecord<String, String> event = awaitRecord(Topics.APPOINTMENTS, id, AppointmentCancelled.TYPE);
        assertThat(header(event, "ce_revision")).isEqualTo("2");
        assertThat(event.value()).doesNotContain("flare-up");
        assertThat(json.readValue(event.value(), AppointmentCancelled.class).status()).isEqualTo("CANCELLED");

        Response again = post("/api/appointments/" + id + "/cancel", Map.of(),
                DemoPersona.FRONTDESK_INTEGRATIVE_PAIN);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body().get("detail").asText()).contains("already cancelled");

        assertThat(book(port, "integrative-pain", "trigger-point-injection", "liam-okafor", "patient-8", start)
                .status()).isEqualTo(201);
    }

    @Test
    void acceptsExactlyOneOfTwentyConcurrentRequestsForTheSameTimeAcrossTwoInstances() throws Exception {
        Instant start = at(0, WEDNESDAY, "14:00");
        extraHours("maya-chen", "calgary-concussion", day(0, WEDNESDAY).atTime(13, 0),
                day(0, WEDNESDAY).atTime(16, 0));
        for (int i = 0; i < 20; i++) {
            publishRegistration("patient-race-" + i, "running-shoe", "calgary-concussion");
        }
        for (int i = 0; i < 20; i++) {
            awaitPatientRevision("patient-race-" + i, 2);
        }
        try (ConfigurableApplicationContext second = new SpringApplicationBuilder(BookingServiceApplication.class)
                .run("--server.port=0", "--spring.mongodb.uri=" + MONGO_URI,
                        "--spring.cloud.stream.kafka.binder.brokers=" + kafka.getBrokersAsString(),
                        "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + issuer.uri())) {
            int secondPort = Integer.parseInt(second.getEnvironment().getProperty("local.server.port"));
            ExecutorService pool = Executors.newFixedThreadPool(20);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                int target = i % 2 == 0 ? port : secondPort;
                String clinic = i % 3 == 0 ? "calgary-concussion" : "running-shoe";
                String patient = "patient-race-" + i;
                answers.add(pool.submit(() -> {
                    go.await();
                    return book(target, clinic, "physio-follow-up", "maya-chen", patient, start).status();
                }));
            }
            go.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            pool.shutdown();

            assertThat(statuses).filteredOn(status -> status == 201).hasSize(1);
            assertThat(statuses).filteredOn(status -> status == 409).hasSize(19);
            assertThat(mongo.count(query(where("practitionerId").is("maya-chen").and("start").is(start)),
                    "appointments")).isEqualTo(1);
            assertThat(CalendarDays.ofOwner(mongo, "maya-chen", start, start.plus(Duration.ofHours(1)))).hasSize(6);
        }
    }

    @Test
    void answersNotFoundForAnUnknownAppointment() {
        Response response = get("/api/appointments/no-such-appointment", DemoPersona.FRONTDESK_RUNNING_SHOE);

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(post("/api/appointments/no-such-appointment/cancel", Map.of(), DemoPersona.PATIENT_ANN_LEE)
                .status()).isEqualTo(404);
    }

    @Test
    void rejectsAServiceTheClinicDoesNotOfferWith422() {
        register("patient-9", "calgary-concussion");
        Response response = book(port, "calgary-concussion", "prolotherapy", "maya-chen", "patient-9",
                at(0, FRIDAY, "09:00"));

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.body().get("errors").get(0).get("field").asText()).isEqualTo("serviceId");
    }

    @Test
    void listsTheSeededClinicsServicesAndPractitioners() {
        JsonNode clinics = get("/api/clinics", DemoPersona.PATIENT_BEN_ROY).body();
        assertThat(clinics.isArray()).isTrue();
        assertThat(clinics.findValuesAsString("id"))
                .containsExactlyInAnyOrder("running-shoe", "calgary-concussion", "integrative-pain");
        assertThat(clinics.get(0).get("timeZone").asText()).isEqualTo("America/Edmonton");

        JsonNode services = get("/api/clinics/calgary-concussion/services", DemoPersona.AUDITOR).body();
        assertThat(services.findValuesAsString("id"))
                .containsExactlyInAnyOrder("concussion-baseline", "concussion-follow-up", "physio-follow-up");
        assertThat(services.get(0).has("durationMinutes")).isTrue();
        assertThat(services.findValuesAsString("lateCancellationWindow")).hasSize(3).containsOnly("PT24H");

        JsonNode practitioners = get("/api/clinics/running-shoe/practitioners", DemoPersona.OPERATOR).body();
        assertThat(practitioners.findValuesAsString("id"))
                .containsExactlyInAnyOrder("maya-chen", "liam-okafor", "sofia-ramirez", "amira-haddad");

        assertThat(get("/api/clinics/nowhere/services", DemoPersona.OPERATOR).status()).isEqualTo(404);
        assertThat(get("/api/clinics/nowhere/practitioners", DemoPersona.OPERATOR).status()).isEqualTo(404);
    }

    @Test
    void reportsHealthUp() {
        Response health = get("/actuator/health", null);

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body().get("status").asText()).isEqualTo("UP");
    }
}
