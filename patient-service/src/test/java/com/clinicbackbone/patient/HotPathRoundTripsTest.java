package com.clinicbackbone.patient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.clinicbackbone.events.AppointmentBooked;
import com.clinicbackbone.events.Envelope;
import com.clinicbackbone.events.SmsOptOutChanged;
import com.clinicbackbone.messaging.testing.MongoRoundTrips;
import com.clinicbackbone.messaging.testing.MongoRoundTrips.Command;
import com.clinicbackbone.patient.patient.Actor;
import com.clinicbackbone.patient.patient.PatientFixture;
import com.clinicbackbone.patient.patient.PatientRegistry;
import com.clinicbackbone.patient.patient.Registration;
import com.clinicbackbone.security.DemoPersona;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

/**
 * The MongoDB round trips of patient-service's hot paths, with a few hundred patients (and their reads in the access
 * log) stored first: each operation within its budget, and every filter an exact unique key (so neither the embedded
 * server nor MongoDB scans a collection for it). The outbox relay's own round trips for the change are counted apart.
 */
class HotPathRoundTripsTest extends PatientServiceIntegrationTest {

    static final int PATIENT_READ = 3;
    static final int EVENT_CONSUMED = 3;
    static final int REGISTRATION = 4;
    /** Publishing one document's events: mark and read, then remove what was sent. */
    static final int OUTBOX_PUBLISH = 2;

    static final DemoPersona DESK = DemoPersona.FRONTDESK_RUNNING_SHOE;
    static final DemoPersona MAYA = DemoPersona.PRACTITIONER_MAYA_CHEN;
    static final List<String> stored = new ArrayList<>();

    @Autowired
    PatientRegistry registry;
    @Autowired
    @Qualifier("onSmsOptOut")
    Consumer<Message<byte[]>> smsOptOut;
    @Autowired
    @Qualifier("onAppointmentEvent")
    Consumer<Message<byte[]>> appointmentEvents;

    @BeforeEach
    void storeAFewHundredPatients() {
        if (!stored.isEmpty()) {
            return;
        }
        Actor desk = new Actor("seed-desk", Actor.Role.FRONT_DESK, Set.of("running-shoe"), null, null);
        for (int i = 0; i < 300; i++) {
            String family = "Hotpath" + letters(i);
            String id = registry.register(desk, new Registration("Sam", family, LocalDate.of(1980, 1, 1)
                    .plusDays(i % 40), "sam." + family.toLowerCase() + "@example.org",
                    String.format("+1403555%04d", i), "en", List.of("EMAIL", "SMS"), "running-shoe"), "seed").id();
            stored.add(id);
            if (i % 3 == 0) {
                registry.recordAppointment(MAYA.practitionerId(), id);
            }
            registry.read(desk, id, "seed");
        }
        stored.forEach(this::awaitOutboxPublished);
    }

    @Test
    void aFrontDeskReadsAPatientWithTwoKeyLookupsAndTheAccessLogInsert() throws Exception {
        String id = stored.get(150);
        roundTrips.reset();

        HttpResponse<String> read = get("/api/patients/" + id, DESK);

        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        List<Command> commands = roundTrips.commands(onRequestThreads());
        MongoRoundTrips.assertWithinBudget("patient read (front desk)", PATIENT_READ, commands);
        roundTrips.assertKeyLookupsOnly(mongo.getDb(), commands);
        assertThat(commands).filteredOn(command -> command.name().equals("insert"))
                .extracting(Command::collection).containsExactly("phi_access_log");
    }

    @Test
    void aPractitionerReadsTheirPatientCheckingTheirPairByItsUniqueKey() throws Exception {
        String id = stored.get(153);
        roundTrips.reset();

        HttpResponse<String> read = get("/api/patients/" + id, MAYA);

        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        List<Command> commands = roundTrips.commands(onRequestThreads());
        MongoRoundTrips.assertWithinBudget("patient read (practitioner)", PATIENT_READ, commands);
        roundTrips.assertKeyLookupsOnly(mongo.getDb(), commands);
    }

    @Test
    void anSmsOptOutIsConsumedWithKeyLookupsAndItsContactRecordPublishedByKey() {
        String id = stored.get(200);
        Instant at = Instant.now();
        Message<byte[]> optOut = message(Envelope.of(SmsOptOutChanged.TYPE, "/notification-service", at, id, null,
                at.toEpochMilli()), new SmsOptOutChanged(id, true, "STOP", at));
        roundTrips.reset();

        smsOptOut.accept(optOut);

        List<Command> consumed = roundTrips.commands(MongoRoundTrips.onThread(Thread.currentThread().getName()));
        MongoRoundTrips.assertWithinBudget("SMS opt-out consumed", EVENT_CONSUMED, consumed);
        roundTrips.assertKeyLookupsOnly(mongo.getDb(), consumed);

        awaitOutboxPublished(id);
        List<Command> published = roundTrips.commands(onRelayThreads().and(about(id)));
        MongoRoundTrips.assertWithinBudget("contact record published", OUTBOX_PUBLISH, published);
        roundTrips.assertKeyLookupsOnly(mongo.getDb(), published);
    }

    @Test
    void anAppointmentEventIsConsumedWithKeyLookups() {
        String id = stored.get(201);
        String appointmentId = UUID.randomUUID().toString();
        Instant start = Instant.parse("2026-06-01T15:00:00Z");
        Message<byte[]> booked = message(Envelope.of(AppointmentBooked.TYPE, "/booking-service", Instant.now(),
                appointmentId, "running-shoe", 1), new AppointmentBooked(appointmentId, "running-shoe",
                "physio-initial", "noah-tremblay", id, start, start.plus(Duration.ofHours(1)), "BOOKED"));
        roundTrips.reset();

        appointmentEvents.accept(booked);

        List<Command> consumed = roundTrips.commands(MongoRoundTrips.onThread(Thread.currentThread().getName()));
        MongoRoundTrips.assertWithinBudget("appointment event consumed", EVENT_CONSUMED, consumed);
        roundTrips.assertKeyLookupsOnly(mongo.getDb(), consumed);
    }

    @Test
    void registrationChecksForTheSamePersonByTheIdentityKey() throws Exception {
        PatientFixture person = PatientFixture.someone();
        roundTrips.reset();

        HttpResponse<String> created = post("/api/patients", DESK, person.toJson());

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        List<Command> registered = roundTrips.commands(onRequestThreads());
        MongoRoundTrips.assertWithinBudget("registration of a new patient", REGISTRATION, registered);
        roundTrips.assertKeyLookupsOnly(mongo.getDb(), registered);

        roundTrips.reset();
        HttpResponse<String> linked = post("/api/patients", DemoPersona.FRONTDESK_CALGARY_CONCUSSION,
                person.with("clinicId", "calgary-concussion").toJson());

        assertThat(linked.statusCode()).as(linked.body()).isEqualTo(200);
        assertThat(body(linked).get("id").asString()).isEqualTo(body(created).get("id").asString());
        List<Command> found = roundTrips.commands(onRequestThreads());
        MongoRoundTrips.assertWithinBudget("registration of a known patient", REGISTRATION, found);
        roundTrips.assertKeyLookupsOnly(mongo.getDb(), found);
    }

    /** 12 → "bc": a name has no digits. */
    private static String letters(int number) {
        StringBuilder letters = new StringBuilder();
        for (char digit : Integer.toString(number).toCharArray()) {
            letters.append((char) ('a' + digit - '0'));
        }
        return letters.toString();
    }

    private Message<byte[]> message(Envelope envelope, Record payload) {
        return MessageBuilder.withPayload(json.writeValueAsString(payload).getBytes(StandardCharsets.UTF_8))
                .copyHeaders(envelope.headers()).build();
    }

    private static Predicate<Command> onRequestThreads() {
        return command -> command.thread().startsWith("http-nio");
    }

    private static Predicate<Command> onRelayThreads() {
        return command -> command.thread().startsWith("outbox-relay-")
                && !command.thread().equals("outbox-relay-lease");
    }

    private static Predicate<Command> about(String id) {
        return command -> command.filters().stream().anyMatch(filter -> filter.toJson().contains(id));
    }
}
