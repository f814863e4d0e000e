package com.clinicbackbone.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.clinicbackbone.booking.appointment.AppointmentStatus;
import com.clinicbackbone.booking.appointment.CalendarBuckets;
import com.clinicbackbone.security.DemoPersona;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue 4's proof that the database, not memory, prevents double booking: two booking-service instances (this test's
 * context and a second one on the same MongoDB-wire database and Kafka broker) take 200 concurrent front desk
 * bookings of sofia-ramirez for four target times. Within a group every request overlaps every other (same start, or
 * 15 to 45 minutes apart, massage-60 lasting 60), and the groups are far enough apart not to touch, so exactly one
 * request per group may win. All times lie inside Sofia's hours (Wednesday 10:00-18:00, break 14:00-14:30).
 */
class TwoInstanceBookingRaceTest extends AbstractIntegrationTest {

    static final ZoneId CLINIC_ZONE = ZoneId.of("America/Edmonton");
    static final String CLINIC = "running-shoe";
    static final String SERVICE = "massage-60";
    static final String PRACTITIONER = "sofia-ramirez";
    static final Duration LENGTH = Duration.ofMinutes(60);
    static final int REQUESTS_PER_GROUP = 50;
    static final int THREADS = 64;
    /**
     * The Wednesday of week 10 (see {@link #day}): more than the 8 days asked for, inside the 90-day horizon, a week
     * no other test books Sofia in.
     */
    static final LocalDate RACE_DAY = day(10, DayOfWeek.WEDNESDAY);

    /** A target time and the minute offsets its requests start at; no two offsets 60 or more apart. */
    record Group(LocalTime target, List<Integer> offsets) {

        Instant start(int offsetMinutes) {
            return RACE_DAY.atTime(target).atZone(CLINIC_ZONE).toInstant().plus(Duration.ofMinutes(offsetMinutes));
        }

        /** Every other request at the exact target, the rest spread over the group's offsets. */
        Instant startOfRequest(int index) {
            return start(index % 2 == 0 ? 0 : offsets.get(index / 2 % offsets.size()));
        }
    }

    static final List<Group> GROUPS = List.of(
            new Group(LocalTime.of(10, 0), List.of(0, 15, 30)),       // 10:00-11:30 at most
            new Group(LocalTime.of(12, 0), List.of(-15, 0, 15)),      // 11:45-13:15
            new Group(LocalTime.of(15, 0), List.of(-30, -15, 0, 15)), // 14:30-16:15, after the break
            new Group(LocalTime.of(17, 0), List.of(-30, -15, 0)));    // 16:30-18:00

    record Attempt(int group, String serviceId, String practitionerId, String patientId, Instant start, int port) {
    }

    record Answer(Attempt attempt, Response response) {
    }

    @Test
    void acceptsExactlyOneOfManyConcurrentOverlappingRequestsPerSlotAcrossTwoInstances() throws Exception {
        for (int group = 0; group < GROUPS.size(); group++) {
            for (int i = 0; i < REQUESTS_PER_GROUP; i++) {
                publishRegistration(patient(group, i), CLINIC);
            }
        }
        for (int group = 0; group < GROUPS.size(); group++) {
            for (int i = 0; i < REQUESTS_PER_GROUP; i++) {
                awaitPatientRevision(patient(group, i), 1);
            }
        }
        String token = issuer.token(DemoPersona.FRONTDESK_RUNNING_SHOE);

        try (ConfigurableApplicationContext second = startSecondInstance()) {
            int secondPort = Integer.parseInt(second.getEnvironment().getProperty("local.server.port"));
            warmUp(port, token);
            warmUp(secondPort, token);
            List<Attempt> attempts = new ArrayList<>();
            for (int group = 0; group < GROUPS.size(); group++) {
                for (int i = 0; i < REQUESTS_PER_GROUP; i++) { // half of each group, exact and offset, per instance
                    attempts.add(new Attempt(group, SERVICE, PRACTITIONER, patient(group, i),
                            GROUPS.get(group).startOfRequest(i), i / 2 % 2 == 0 ? port : secondPort));
                }
            }
            long began = System.nanoTime();
            List<Answer> answers = fire(attempts, token);
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);

            Map<Integer, Long> createdPerGroup = answers.stream().filter(answer -> answer.response().status() == 201)
                    .collect(Collectors.groupingBy(answer -> answer.attempt().group(), Collectors.counting()));
            long conflicts = answers.stream().filter(answer -> answer.response().status() == 409).count();
            System.out.printf("race: %d requests over ports %d and %d in %d ms: %d x 201 %s, %d x 409%n",
                    answers.size(), port, secondPort, tookMillis, createdPerGroup.values().stream()
                            .mapToLong(Long::longValue).sum(), createdPerGroup, conflicts);

            assertThat(answers).hasSize(GROUPS.size() * REQUESTS_PER_GROUP);
            assertThat(createdPerGroup).containsOnlyKeys(0, 1, 2, 3).allSatisfy((group, created) ->
                    assertThat(created).as("201s for the group at %s", GROUPS.get(group).target()).isEqualTo(1));
            assertThat(answers).filteredOn(answer -> answer.response().status() != 201).allSatisfy(answer -> {
                assertThat(answer.response().status()).as(answer.response().text()).isEqualTo(409);
                assertThat(answer.response().contentType()).isEqualTo("application/problem+json");
                assertThat(answer.response().body().get("status").asInt()).isEqualTo(409);
                assertThat(answer.response().body().get("detail").asText()).isNotBlank();
            });

            assertTheCalendarHoldsOnlyTheWinners(answers);
        }
    }

    /**
     * Running Shoe has one ultrasound: two physicians free at the same time race for it with overlapping PRP
     * injections (which need it) over both instances; exactly one gets it and the device's calendar holds only that one.
     */
    @Test
    void lendsTheOnlyUltrasoundToExactlyOneOfManyConcurrentRequestsAcrossTwoInstances() throws Exception {
        LocalDate day = RACE_DAY.plusDays(2); // Friday: Liam and Amira both work at Running Shoe 09:00-
        Instant target = day.atTime(LocalTime.of(10, 0)).atZone(CLINIC_ZONE).toInstant();
        List<String> practitioners = List.of("liam-okafor", "amira-haddad");
        for (int i = 0; i < 40; i++) {
            publishRegistration("patient-device-race-" + i, CLINIC);
        }
        for (int i = 0; i < 40; i++) {
            awaitPatientRevision("patient-device-race-" + i, 1);
        }
        String token = issuer.token(DemoPersona.FRONTDESK_RUNNING_SHOE);

        try (ConfigurableApplicationContext second = startSecondInstance()) {
            int secondPort = Integer.parseInt(second.getEnvironment().getProperty("local.server.port"));
            warmUp(port, token);
            warmUp(secondPort, token);
            List<Attempt> attempts = new ArrayList<>();
            for (int i = 0; i < 40; i++) { // 30-minute injections at 10:00 or 10:15: each overlaps every other
                attempts.add(new Attempt(0, "prp-injection", practitioners.get(i % 2), "patient-device-race-" + i,
                        target.plus(Duration.ofMinutes(i / 2 % 2 * 15)), i / 4 % 2 == 0 ? port : secondPort));
            }
            List<Answer> answers = fire(attempts, token);

            List<Answer> winners = answers.stream().filter(answer -> answer.response().status() == 201).toList();
            assertThat(winners).singleElement().satisfies(winner -> assertThat(
                    winner.response().body().get("resourceId").asText()).isEqualTo("rs-ultrasound-1"));
            assertThat(answers).filteredOn(answer -> answer.response().status() != 201).allSatisfy(answer -> {
                assertThat(answer.response().status()).as(answer.response().text()).isEqualTo(409);
                assertThat(answer.response().contentType()).isEqualTo("application/problem+json");
            });
            String winnerId = winners.get(0).response().body().get("id").asText();
            List<CalendarDays.Bucket> deviceClaims = CalendarDays.ofOwner(mongo, "resource:rs-ultrasound-1",
                    target.minus(Duration.ofHours(1)), target.plus(Duration.ofHours(2)));
            assertThat(deviceClaims).isNotEmpty()
                    .allSatisfy(claim -> assertThat(claim.appointmentId()).isEqualTo(winnerId));
            assertThat(mongo.count(query(where("serviceId").is("prp-injection").and("clinicId").is(CLINIC)
                    .and("start").gte(target).lt(target.plus(Duration.ofHours(1)))), "appointments")).isEqualTo(1);
        }
    }

    private static String patient(int group, int index) {
        return "patient-race200-" + group + "-" + index;
    }

    private ConfigurableApplicationContext startSecondInstance() {
        return new SpringApplicationBuilder(BookingServiceApplication.class).run("--server.port=0",
                "--spring.main.banner-mode=off", "--spring.mongodb.uri=" + MONGO_URI,
                "--spring.cloud.stream.kafka.binder.brokers=" + kafka.getBrokersAsString(),
                "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + issuer.uri());
    }

    /** A first authenticated request, so that neither instance fetches the issuer's keys during the race. */
    private void warmUp(int instancePort, String token) {
        Response clinics = send(instancePort, "GET", "/api/clinics", null, token);
        assertThat(clinics.status()).as(clinics.text()).isEqualTo(200);
    }

    /** Every attempt from a pool of {@link #THREADS} threads, released together once the threads are waiting. */
    private List<Answer> fire(List<Attempt> attempts, String token) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch ready = new CountDownLatch(Math.min(THREADS, attempts.size()));
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Answer>> futures = new ArrayList<>();
            for (Attempt attempt : attempts) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return new Answer(attempt, book(attempt.port(), CLINIC, attempt.serviceId(),
                            attempt.practitionerId(), attempt.patientId(), attempt.start(), token));
                }));
            }
            assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
            go.countDown();
            List<Answer> answers = new ArrayList<>();
            for (Future<Answer> future : futures) {
                answers.add(future.get(2, TimeUnit.MINUTES));
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The stored appointments of the practitioner around the race day are exactly the winners, none overlaps another,
     * each holds a claim on every bucket of its time (its interval on the practitioner's calendar day, read as 5-minute
     * buckets), and every claim of the day belongs to one of them.
     */
    private void assertTheCalendarHoldsOnlyTheWinners(List<Answer> answers) {
        Instant dayStart = RACE_DAY.atStartOfDay(CLINIC_ZONE).toInstant();
        Instant dayEnd = RACE_DAY.plusDays(1).atStartOfDay(CLINIC_ZONE).toInstant();
        List<Answer> winners = answers.stream().filter(answer -> answer.response().status() == 201).toList();
        List<Document> stored = mongo.find(query(where("practitionerId").is(PRACTITIONER)
                .and("start").gte(dayStart.minus(Duration.ofDays(1))).lt(dayEnd.plus(Duration.ofDays(1)))),
                Document.class, "appointments");

        assertThat(stored).extracting(document -> document.getString("_id")).containsExactlyInAnyOrderElementsOf(
                winners.stream().map(winner -> winner.response().body().get("id").asText()).toList());
        for (Answer winner : winners) {
            Document appointment = stored.stream()
                    .filter(document -> document.getString("_id").equals(winner.response().body().get("id").asText()))
                    .findFirst().orElseThrow();
            assertThat(appointment.getString("patientId")).isEqualTo(winner.attempt().patientId());
            assertThat(instant(appointment, "start")).isEqualTo(winner.attempt().start());
            assertThat(instant(appointment, "end")).isEqualTo(winner.attempt().start().plus(LENGTH));
        }

        List<Document> holding = stored.stream()
                .filter(document -> AppointmentStatus.valueOf(document.getString("status")).holdsTime()).toList();
        for (int i = 0; i < holding.size(); i++) {
            for (int j = i + 1; j < holding.size(); j++) {
                Document a = holding.get(i);
                Document b = holding.get(j);
                assertThat(instant(a, "start").isBefore(instant(b, "end"))
                        && instant(b, "start").isBefore(instant(a, "end")))
                        .as("%s overlaps %s", a.getString("_id"), b.getString("_id")).isFalse();
            }
        }

        List<CalendarDays.Bucket> claims = CalendarDays.ofOwner(mongo, PRACTITIONER, dayStart, dayEnd);
        Set<String> expectedClaims = new HashSet<>();
        for (Document appointment : holding) {
            for (Instant bucket : CalendarBuckets.covering(instant(appointment, "start"), instant(appointment, "end"))) {
                expectedClaims.add(appointment.getString("_id") + "@" + bucket);
            }
        }
        assertThat(claims).extracting(claim -> claim.appointmentId() + "@" + claim.bucket())
                .containsExactlyInAnyOrderElementsOf(expectedClaims);
    }

    private static Instant instant(Document document, String field) {
        return document.get(field, Date.class).toInstant();
    }
}
