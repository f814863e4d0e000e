package com.clinicbackbone.booking;

import static java.time.DayOfWeek.THURSDAY;
import static java.time.DayOfWeek.TUESDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.clinicbackbone.messaging.testing.MongoRoundTrips;
import com.clinicbackbone.messaging.testing.MongoRoundTrips.Command;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Reference data (catalog, hours, leave, closures) is read from memory per instance: a change made through the API
 * applies to the writing instance's very next call, and to a second instance (its own context on the same database,
 * with a command listener on its MongoDB client) within {@code booking.reference-cache.max-staleness}; warm, a
 * booking and an availability query read none of it from MongoDB. Liam Okafor at Integrative Pain in week 11, which
 * no other test books.
 */
class ReferenceDataAcrossInstancesTest extends AbstractIntegrationTest {

    static final String CLINIC = "integrative-pain";
    static final String SERVICE = "pain-consultation";
    static final String PRACTITIONER = "liam-okafor";
    static final LocalDate LEAVE_DAY = day(11, THURSDAY);
    static final LocalDate BOOKING_DAY = day(11, TUESDAY);
    /** The default {@code booking.reference-cache.max-staleness}. */
    static final Duration MAX_STALENESS = Duration.ofSeconds(3);
    /** What a request takes on top (the bound is on when a read starts; the test sees it when the answer is in). */
    static final Duration REQUEST_SLACK = Duration.ofMillis(500);
    static final Set<String> REFERENCE_COLLECTIONS = Set.of("clinics", "services", "practitioners", "resources",
            "practitioner_hours", "schedule_exceptions", "clinic_closures", "reference_versions");

    static final MongoRoundTrips roundTrips = new MongoRoundTrips();
    static ConfigurableApplicationContext second;
    static int secondPort;

    final String patientId = "refdata-" + UUID.randomUUID();

    @BeforeEach
    void startSecondInstance() {
        register(patientId, CLINIC);
        if (second == null) {
            second = new SpringApplicationBuilder(BookingServiceApplication.class)
                    .initializers(context -> context.getBeanFactory().registerSingleton("roundTripsCustomizer",
                            MongoRoundTrips.customizer(roundTrips)))
                    .run("--server.port=0", "--spring.main.banner-mode=off", "--spring.mongodb.uri=" + MONGO_URI,
                            "--spring.cloud.stream.kafka.binder.brokers=" + kafka.getBrokersAsString(),
                            "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + issuer.uri());
            secondPort = Integer.parseInt(second.getEnvironment().getProperty("local.server.port"));
        }
    }

    @AfterAll
    static void stopSecondInstance() {
        if (second != null) {
            second.close();
            second = null;
        }
    }

    String slots(LocalDate date) {
        return "/api/availability?clinicId=" + CLINIC + "&serviceId=" + SERVICE + "&practitionerId=" + PRACTITIONER
                + "&from=" + date + "&to=" + date;
    }

    List<String> starts(int instancePort, LocalDate date) {
        Response response = send(instancePort, "GET", slots(date), null, issuer.token(frontDesk(CLINIC)));
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return StreamSupport.stream(response.body().get("slots").spliterator(), false)
                .map(slot -> slot.get("start").asText()).toList();
    }

    static void assertRefused(Response response, String rule) {
        assertThat(response.status()).as(response.text()).isEqualTo(422);
        assertThat(response.body().get("rule").asText()).isEqualTo(rule);
    }

    @Test
    void leaveAppliesToTheWritingInstancesNextCallAndToAnotherInstanceWithinTheBound() {
        String desk = issuer.token(frontDesk(CLINIC));
        assertThat(starts(secondPort, LEAVE_DAY)).as("the other instance, warm").isNotEmpty();

        Response added = send(port, "POST", "/api/practitioners/" + PRACTITIONER + "/exceptions",
                Map.of("kind", "LEAVE", "start", LEAVE_DAY.atStartOfDay().toString(),
                        "end", LEAVE_DAY.plusDays(1).atStartOfDay().toString()), desk);
        long acknowledged = System.nanoTime();
        assertThat(added.status()).as(added.text()).isEqualTo(201);

        assertThat(starts(port, LEAVE_DAY)).as("the writing instance's very next availability").isEmpty();
        assertRefused(book(port, CLINIC, SERVICE, PRACTITIONER, patientId, at(LEAVE_DAY, "09:00")), "ON_LEAVE");
        await().atMost(MAX_STALENESS.plus(REQUEST_SLACK).plusSeconds(5)).pollInterval(Duration.ofMillis(20))
                .until(() -> starts(secondPort, LEAVE_DAY).isEmpty());
        Duration seenAfter = Duration.ofNanos(System.nanoTime() - acknowledged);
        System.out.println("Leave seen by the other instance " + seenAfter.toMillis() + " ms after the 201");
        assertThat(seenAfter).isLessThanOrEqualTo(MAX_STALENESS.plus(REQUEST_SLACK));
        assertRefused(book(secondPort, CLINIC, SERVICE, PRACTITIONER, patientId, at(LEAVE_DAY, "09:00")),
                "ON_LEAVE");

        Response removed = send(secondPort, "DELETE", "/api/practitioners/" + PRACTITIONER + "/exceptions/"
                + added.body().get("id").asText(), null, desk);
        long reopened = System.nanoTime();
        assertThat(removed.status()).as(removed.text()).isEqualTo(204);

        Response booked = book(secondPort, CLINIC, SERVICE, PRACTITIONER, patientId, at(LEAVE_DAY, "09:00"));
        assertThat(booked.status()).as("the very next booking on the instance that removed the leave")
                .isEqualTo(201);
        await().atMost(MAX_STALENESS.plus(REQUEST_SLACK).plusSeconds(5)).pollInterval(Duration.ofMillis(20))
                .until(() -> !starts(port, LEAVE_DAY).isEmpty());
        assertThat(Duration.ofNanos(System.nanoTime() - reopened)).isLessThanOrEqualTo(
                MAX_STALENESS.plus(REQUEST_SLACK));
        assertThat(starts(port, LEAVE_DAY)).doesNotContain(at(LEAVE_DAY, "09:00").toString());
    }

    @Test
    void warmBookingAndAvailabilityReadNoReferenceDataFromMongo() {
        assertThat(starts(secondPort, BOOKING_DAY)).isNotEmpty();
        assertThat(book(secondPort, CLINIC, SERVICE, PRACTITIONER, patientId, at(BOOKING_DAY, "08:00")).status())
                .isEqualTo(201);

        roundTrips.reset();
        List<String> free = starts(secondPort, BOOKING_DAY);
        List<Command> availability = requestCommands();
        roundTrips.reset();
        Response booked = book(secondPort, CLINIC, SERVICE, PRACTITIONER, patientId, at(BOOKING_DAY, "10:00"));
        List<Command> booking = requestCommands();

        assertThat(free).contains(at(BOOKING_DAY, "10:00").toString());
        assertThat(booked.status()).as(booked.text()).isEqualTo(201);
        System.out.println("Warm availability, " + availability.size() + " round trips: " + availability);
        System.out.println("Warm booking, " + booking.size() + " round trips: " + booking);
        assertThat(availability).filteredOn(command -> REFERENCE_COLLECTIONS.contains(command.collection()))
                .isEmpty();
        assertThat(booking).filteredOn(command -> REFERENCE_COLLECTIONS.contains(command.collection())).isEmpty();
    }

    /** What the requests sent, without the reference caches' own background checks (their threads). */
    static List<Command> requestCommands() {
        return roundTrips.commands(command -> !command.thread().startsWith("reference-cache-"));
    }
}
