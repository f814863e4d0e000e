package com.clinicbackbone.booking;

import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.THURSDAY;
import static java.time.DayOfWeek.TUESDAY;
import static java.time.DayOfWeek.WEDNESDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.clinicbackbone.booking.appointment.Appointment;
import com.clinicbackbone.booking.appointment.AppointmentStatus;
import com.clinicbackbone.booking.appointment.Appointments;
import com.clinicbackbone.booking.appointment.PractitionerCalendar;
import com.clinicbackbone.booking.appointment.PractitionerCalendar.Claim;
import com.clinicbackbone.booking.appointment.PractitionerCalendar.Span;
import com.clinicbackbone.booking.availability.FreeStarts;
import com.clinicbackbone.booking.patient.PatientRegistry;
import com.clinicbackbone.booking.waitlist.FreedTime;
import com.clinicbackbone.booking.waitlist.WaitlistService;
import com.clinicbackbone.events.AppointmentReplyReceived;
import com.clinicbackbone.events.Envelope;
import com.clinicbackbone.events.PatientErased;
import com.clinicbackbone.events.Topics;
import com.clinicbackbone.events.WaitlistOfferReplyReceived;
import com.clinicbackbone.messaging.testing.MongoRoundTrips;
import com.clinicbackbone.messaging.testing.MongoRoundTrips.Command;
import com.clinicbackbone.security.DemoPersona;
import com.mongodb.client.MongoClient;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.test.utils.KafkaTestUtils;

/**
 * The MongoDB round trips of booking-service's hot paths, counted with a {@link MongoRoundTrips} listener on the
 * service's client against a budget per operation, over a store that already holds a few hundred past
 * appointments, patients and calendar days (a scan would have to read them all): each operation's commands on its
 * own thread (the request's, or the Kafka consumer's; background work such as the outbox relay runs on others)
 * must stay within the budget written here, and every filter must be one the embedded server serves from a unique
 * index. The asynchronous outbox publishing is not counted here (see the relay's own test).
 */
@Import(HotPathRoundTripsTest.RoundTripsListener.class)
class HotPathRoundTripsTest extends AbstractIntegrationTest {

    static final MongoRoundTrips roundTrips = new MongoRoundTrips();
    /** Records only while a test asks (the listener sees every command of the context). */
    static volatile boolean recording;
    static final String CLINIC = "running-shoe";
    static final int HISTORY = 300;
    static volatile boolean seeded;

    @TestConfiguration(proxyBeanMethods = false)
    static class RoundTripsListener {

        @Bean
        MongoClientSettingsBuilderCustomizer roundTripsListener() {
            return settings -> settings.addCommandListener(new CommandListener() {
                @Override
                public void commandStarted(CommandStartedEvent event) {
                    if (recording) {
                        roundTrips.commandStarted(event);
                    }
                }
            });
        }
    }

    @Autowired
    Appointments appointments;
    @Autowired
    PractitionerCalendar calendar;
    @Autowired
    PatientRegistry registry;
    @Autowired
    MongoClient client;
    @Autowired
    FreeStarts freeStarts;
    @Autowired
    WaitlistService waitlist;

    /** Past appointments (completed, cancelled), their calendar days and patients, before the first test. */
    @BeforeEach
    void storeHistory() {
        if (seeded) {
            return;
        }
        Instant first = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(HISTORY));
        List<Appointment> past = new ArrayList<>();
        List<String> practitioners = List.of("maya-chen", "sofia-ramirez", "liam-okafor", "amira-haddad");
        for (int i = 0; i < HISTORY; i++) {
            String patientId = "hot-history-patient-" + i;
            registry.applyLinked(patientId, CLINIC, 1);
            Instant start = first.plus(Duration.ofDays(i)).plus(Duration.ofHours(16));
            String practitioner = practitioners.get(i % practitioners.size());
            Appointment appointment = Appointment.restore("hot-history-" + i, CLINIC, "physio-follow-up",
                    practitioner, patientId, start, start.plus(Duration.ofMinutes(30)), start.minus(Duration.ofDays(7)),
                    false, i % 5 == 0 ? AppointmentStatus.CANCELLED : AppointmentStatus.COMPLETED, 4, null, null,
                    null, null, 0, 0, null);
            past.add(appointment);
            Claim claim = new Claim(practitioner, start, appointment.end(), appointment.id(), 1);
            calendar.claim(calendar.read(List.of(new Span(practitioner, claim.start(), claim.end()))),
                    List.of(claim));
        }
        appointments.addAll(past);
        seeded = true;
    }

    // --- the operations

    @Test
    void aFrontDeskBookingIsAFewKeyLookups() {
        String patient = patient("book");
        Instant start = free("maya-chen", "physio-follow-up", 5, MONDAY).next();

        Response booked = measure(() -> book(port, CLINIC, "physio-follow-up", "maya-chen", patient, start));

        assertThat(booked.status()).as(booked.text()).isEqualTo(201);
        assertRequestWithin("booking", 4);
    }

    @Test
    void aBookingThatTakesADeviceIsAsCheap() {
        String patient = patient("device");
        Instant start = free("amira-haddad", "prp-injection", 5, TUESDAY).next();

        Response booked = measure(() -> book(port, CLINIC, "prp-injection", "amira-haddad", patient, start));

        assertThat(booked.status()).as(booked.text()).isEqualTo(201);
        assertThat(booked.body().get("resourceId").asText()).isEqualTo("rs-ultrasound-1");
        assertRequestWithin("booking with a device", 5); // a new device day is an insert beside the update
    }

    @Test
    void anIdempotentBookingAddsTheKeyAndItsAnswer() {
        String patient = patient("idempotent");
        Instant start = free("maya-chen", "physio-follow-up", 5, WEDNESDAY).next();
        Map<String, Object> body = Map.of("clinicId", CLINIC, "serviceId", "physio-follow-up", "practitionerId",
                "maya-chen", "patientId", patient, "start", start.toString());
        String token = issuer.token(DemoPersona.FRONTDESK_RUNNING_SHOE);

        Response booked = measure(() -> send(port, "POST", "/api/appointments", body, token,
                Map.of("Idempotency-Key", "hot-path-" + patient)));
        assertThat(booked.status()).as(booked.text()).isEqualTo(201);
        assertRequestWithin("booking with an Idempotency-Key", 6);

        Response replayed = measure(() -> send(port, "POST", "/api/appointments", body, token,
                Map.of("Idempotency-Key", "hot-path-" + patient)));
        assertThat(replayed.header("Idempotent-Replayed")).isEqualTo("true");
        assertRequestWithin("a replayed booking", 2);
    }

    @Test
    void aWalkInIsABooking() {
        String patient = patient("walk-in");
        LocalDateTime now = LocalDateTime.now(EDMONTON).truncatedTo(ChronoUnit.HOURS);
        extraHours("liam-okafor", CLINIC, now.minusHours(1), now.plusHours(2));

        Response booked = measure(() -> send(port, "POST", "/api/appointments", Map.of("clinicId", CLINIC,
                "serviceId", "prolotherapy-consultation", "practitionerId", "liam-okafor", "patientId", patient,
                "walkIn", true), issuer.token(DemoPersona.FRONTDESK_RUNNING_SHOE)));

        assertThat(booked.status()).as(booked.text()).isEqualTo(201);
        assertRequestWithin("walk-in", 4);
    }

    @Test
    void aCourseIsBookedInOneGoWhateverItsSessions() {
        String patient = patient("course");
        Instant first = null;
        for (LocalDate date = day(5, MONDAY); first == null && date.isBefore(day(7, MONDAY)); date = date.plusDays(1)) {
            List<Instant> inAWeek = freeOn("sofia-ramirez", "massage-60", date.plusDays(7));
            List<Instant> inTwoWeeks = freeOn("sofia-ramirez", "massage-60", date.plusDays(14));
            first = freeOn("sofia-ramirez", "massage-60", date).stream().filter(start ->
                    inAWeek.contains(start.plus(Duration.ofDays(7)))
                            && inTwoWeeks.contains(start.plus(Duration.ofDays(14)))).findFirst().orElse(null);
        }
        assertThat(first).as("three weekly free starts of Sofia's").isNotNull();
        List<String> sessions = List.of(first.toString(), first.plus(Duration.ofDays(7)).toString(),
                first.plus(Duration.ofDays(14)).toString());

        Response planned = measure(() -> post("/api/courses", Map.of("clinicId", CLINIC, "serviceId", "massage-60",
                "practitionerId", "sofia-ramirez", "patientId", patient, "minDaysBetween", 5, "maxDaysBetween", 9,
                "starts", sessions), DemoPersona.FRONTDESK_RUNNING_SHOE));

        assertThat(planned.status()).as(planned.text()).isEqualTo(201);
        assertRequestWithin("course of 3 sessions", 6); // new days inserted beside existing ones updated: 2 commands
    }

    @Test
    void movingAndCancellingAreKeyedToo() {
        String patient = patient("move");
        Iterator<Instant> starts = free("maya-chen", "physio-follow-up", 6, MONDAY);
        Instant start = starts.next();
        Instant later = starts.next();
        String id = book(port, CLINIC, "physio-follow-up", "maya-chen", patient, start).body().get("id").asText();

        Response moved = measure(() -> post("/api/appointments/" + id + "/reschedule",
                Map.of("start", later.toString()), DemoPersona.FRONTDESK_RUNNING_SHOE));
        assertThat(moved.status()).as(moved.text()).isEqualTo(200);
        assertRequestWithin("reschedule", 5);

        Response cancelled = measure(() -> post("/api/appointments/" + id + "/cancel", Map.of(),
                DemoPersona.FRONTDESK_RUNNING_SHOE));
        assertThat(cancelled.status()).as(cancelled.text()).isEqualTo(200);
        assertRequestWithin("cancel", 3);

        String other = book(port, CLINIC, "physio-follow-up", "maya-chen", patient, starts.next()).body().get("id")
                .asText();
        Response withReason = measure(() -> post("/api/appointments/" + other + "/cancel",
                Map.of("reason", "moving away"), DemoPersona.FRONTDESK_RUNNING_SHOE));
        assertThat(withReason.status()).as(withReason.text()).isEqualTo(200);
        // the appointment, the note before the write (which reads the patient's status with it), the write, the
        // release, the note after the write
        assertRequestWithin("cancel with a reason (free text noted with the patient before and after the write)", 5);
    }

    @Test
    void aCompletedVisitIsRememberedWithThePatientForTheNextBookingsPrerequisite() {
        String patient = patient("prerequisite");
        Iterator<Instant> starts = free("liam-okafor", "prolotherapy", 7, WEDNESDAY);
        String consultation = book(port, CLINIC, "prolotherapy-consultation", "liam-okafor", patient, starts.next())
                .body().get("id").asText();
        assertThat(post("/api/appointments/" + consultation + "/check-in", null, DemoPersona.FRONTDESK_RUNNING_SHOE)
                .status()).isEqualTo(200);

        Response completed = measure(() -> post("/api/appointments/" + consultation + "/complete", null,
                DemoPersona.FRONTDESK_RUNNING_SHOE));
        assertThat(completed.status()).as(completed.text()).isEqualTo(200);
        assertRequestWithin("complete", 3);

        Instant next = starts.next();
        Response prolotherapy = measure(() -> book(port, CLINIC, "prolotherapy", "liam-okafor", patient, next));
        assertThat(prolotherapy.status()).as(prolotherapy.text()).isEqualTo(201);
        assertRequestWithin("booking with a prerequisite and a device", 5);
    }

    @Test
    void aMonthOfAvailabilityIsOneRead() {
        LocalDate from = day(5, MONDAY);

        Response slots = measure(() -> get("/api/availability?clinicId=" + CLINIC + "&serviceId=prp-injection&from="
                + from + "&to=" + from.plusDays(30), DemoPersona.FRONTDESK_RUNNING_SHOE));

        assertThat(slots.status()).as(slots.text()).isEqualTo(200);
        assertThat(slots.body().get("slots").size()).isPositive();
        assertRequestWithin("availability over 31 days", 3);
    }

    @Test
    void aPatientEventIsAppliedWithAFewKeyLookups() {
        String patient = "hot-path-event-patient";

        measureConsumer(() -> {
            publishRegistration(patient, CLINIC);
            awaitPatientRevision(patient, 1);
        });
        assertConsumerWithin("patient registered", 2);
        String cancelled = book(port, CLINIC, "physio-follow-up", "maya-chen", patient,
                free("maya-chen", "physio-follow-up", 7, WEDNESDAY).next()).body().get("id").asText();
        assertThat(post("/api/appointments/" + cancelled + "/cancel", Map.of("reason", "new job"),
                DemoPersona.FRONTDESK_RUNNING_SHOE).status()).isEqualTo(200);

        measureConsumer(() -> {
            publishPatientEvent(PatientErased.TYPE, patient, nextRevision(patient), new PatientErased(patient));
            awaitPatientRevision(patient, 2);
            await().atMost(Duration.ofSeconds(10)).until(() -> consumerCommands().size() >= 3);
        });
        assertConsumerWithin("patient erased (and its one cancellation reason cleared)", 3);
        assertThat(mongo.findById(cancelled, org.bson.Document.class, "appointments").getString("cancellationReason"))
                .isNull();
    }

    @Test
    void aPatientsSmsReplyIsAppliedWithAFewKeyLookups() {
        String patient = patient("reply");
        Iterator<Instant> starts = free("maya-chen", "physio-follow-up", 7, MONDAY);
        String confirm = book(port, CLINIC, "physio-follow-up", "maya-chen", patient, starts.next()).body().get("id")
                .asText();
        String cancel = book(port, CLINIC, "physio-follow-up", "maya-chen", patient, starts.next()).body().get("id")
                .asText();

        measureConsumer(() -> {
            publishReply(patient, confirm, AppointmentReplyReceived.CONFIRM);
            awaitStatus(confirm, "CONFIRMED");
        });
        assertConsumerWithin("confirm reply", 2);

        measureConsumer(() -> {
            publishReply(patient, cancel, AppointmentReplyReceived.CANCEL);
            awaitStatus(cancel, "CANCELLED");
            await().atMost(Duration.ofSeconds(10)).until(() -> consumerCommands().size() >= 3);
        });
        assertConsumerWithin("cancel reply", 3);
    }

    @Test
    void aWaitlistEntryIsAFewKeyLookups() {
        String patient = patient("waitlist-entry");

        Response added = measure(() -> post("/api/waitlist", Map.of("clinicId", CLINIC, "serviceId",
                "physio-follow-up", "patientId", patient, "from", day(8, MONDAY).toString(), "to",
                day(8, MONDAY).toString()), DemoPersona.FRONTDESK_RUNNING_SHOE));

        assertThat(added.status()).as(added.text()).isEqualTo(201);
        // the patient's registry document, the queue and the patient's list (upserts by _id), the entry's insert
        assertRequestWithin("waitlist entry", 4);
    }

    /**
     * Freed time offered (the waitlist consumer of the cancellation), a yes booked (the consumer of the answer), an
     * idle expiry sweep and an expiry (the sweeper): every one a handful of key lookups, whatever the history.
     */
    @Test
    void freedTimeIsOfferedTakenAndExpiredWithAFewKeyLookups() {
        String booked = patient("waitlist-booked");
        String waiting = patient("waitlist-waiting");
        LocalDate date = day(8, WEDNESDAY);
        Iterator<Instant> starts = free("maya-chen", "physio-follow-up", 8, WEDNESDAY);
        Instant start = starts.next();
        Response joined = post("/api/waitlist", Map.of("clinicId", CLINIC, "serviceId", "physio-follow-up",
                "practitionerId", "maya-chen", "patientId", waiting, "from", date.toString(), "to", date.toString()),
                DemoPersona.FRONTDESK_RUNNING_SHOE);
        assertThat(joined.status()).as(joined.text()).isEqualTo(201);
        String entry = joined.body().get("id").asText();
        String appointment = book(port, CLINIC, "physio-follow-up", "maya-chen", booked, start).body().get("id")
                .asText();

        measureConsumer(() -> {
            assertThat(post("/api/appointments/" + appointment + "/cancel", Map.of(),
                    DemoPersona.FRONTDESK_RUNNING_SHOE).status()).isEqualTo(200);
            awaitEntryStatus(entry, "OFFERED");
        });
        // queue, entries; the hold: registry, the expiry filed, calendar days read and claimed; the entry's CAS
        assertWithin("freed time offered", 7, waitlistConsumerCommands());

        String offer = mongo.findById(entry, org.bson.Document.class, "waitlist").get("offer", org.bson.Document.class)
                .getString("id");
        measureConsumer(() -> {
            publishAnswer(waiting, entry, offer);
            awaitEntryStatus(entry, "BOOKED");
        });
        // the entry, its CAS to ACCEPTING; the booking (registry, days read, claimed, the appointment's insert, the
        // hold released); the entry's CAS to BOOKED
        assertWithin("offer taken", 8, waitlistConsumerCommands());

        recording = true;
        roundTrips.reset();
        try {
            waitlist.expireDue();
        } finally {
            recording = false;
        }
        // the cursor and the current minutes' buckets in one read (the cursor's move and the passed empty buckets'
        // removal when a minute went by)
        assertWithin("idle expiry sweep", 3, roundTrips.commands(command -> command.thread()
                .equals(Thread.currentThread().getName())));
    }

    /** A recall opened by a completed consultation and closed by the treatment's booking (the recall consumer). */
    @Test
    void aRecallIsOpenedAndClosedWithAFewKeyLookups() {
        String patient = patient("recall");
        Iterator<Instant> starts = free("liam-okafor", "prolotherapy", 8, FRIDAY);
        String consultation = book(port, CLINIC, "prolotherapy-consultation", "liam-okafor", patient, starts.next())
                .body().get("id").asText();
        // the check-in's event reaches the recall consumer too: let it be handled before the measured step
        measureConsumer(() -> {
            assertThat(post("/api/appointments/" + consultation + "/check-in", null,
                    DemoPersona.FRONTDESK_RUNNING_SHOE).status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(30)).until(() -> recallCommands().stream()
                    .anyMatch(command -> command.collection().equals("recall_patients")
                            && command.filter().toJson().contains(patient)));
            sleep(300);
        });
        String recall = "treatment:" + consultation + ":prolotherapy";

        measureConsumer(() -> {
            assertThat(post("/api/appointments/" + consultation + "/complete", null,
                    DemoPersona.FRONTDESK_RUNNING_SHOE).status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(30)).until(() -> recallCommands().stream()
                    .anyMatch(command -> command.name().equals("update") && command.collection()
                            .equals("recall_patients") && command.filter().toJson().contains(patient))
                    && mongo.findById(recall, org.bson.Document.class, "recalls") != null);
            sleep(300);
        });
        // the patient's file; the recall looked for, listed at its clinic and with its patient, inserted; the
        // consultation no longer booked
        assertWithin("recall opened", 6, recallCommands());

        Instant treatment = starts.next();
        measureConsumer(() -> {
            assertThat(book(port, CLINIC, "prolotherapy", "liam-okafor", patient, treatment).status()).isEqualTo(201);
            await().atMost(Duration.ofSeconds(30)).until(() -> "CLOSED".equals(mongo.findById(recall,
                    org.bson.Document.class, "recalls").getString("status")));
            sleep(300);
        });
        // the visit noted, the patient's file, the open recalls, the compare-and-set, off the clinic's and the
        // patient's lists
        assertWithin("recall closed by the booking", 6, recallCommands());
    }

    /** The commands of the recalls' consumer thread (group {@code booking-service-recall}). */
    private static List<Command> recallCommands() {
        return roundTrips.commands(command -> command.thread().contains("-C-")
                && command.thread().contains(".booking-service-recall.dlq"));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** An offer expiring (the sweeper, at the Concussion Centre whose offers last seconds in these tests). */
    @Test
    void anExpiryIsAFewKeyLookups() {
        String waiting = patient("waitlist-expiring");
        registry.applyLinked(waiting, "calgary-concussion", 2);
        LocalDate date = day(8, THURSDAY);
        Instant start = at(date, "09:00");
        Response joined = post("/api/waitlist", Map.of("clinicId", "calgary-concussion", "serviceId",
                "concussion-follow-up", "practitionerId", "noah-tremblay", "patientId", waiting, "from",
                date.toString(), "to", date.toString()), DemoPersona.FRONTDESK_CALGARY_CONCUSSION);
        assertThat(joined.status()).as(joined.text()).isEqualTo(201);
        String entry = joined.body().get("id").asText();
        assertThat(waitlist.offer(new FreedTime("calgary-concussion", "noah-tremblay", start,
                start.plus(Duration.ofMinutes(30)), Instant.now()))).isPresent();

        measureConsumer(() -> {
            awaitEntryStatus(entry, "WAITING");
            await().atMost(Duration.ofSeconds(10)).until(() -> roundTrips.count(command -> command.thread()
                    .equals("waitlist-expiry") && command.name().equals("update")
                    && command.collection().equals("waitlist_expiries")) > 0);
        });
        // apart from the sweeps' reads of their buckets: the entry, its CAS, the hold released, the queue and its
        // entries for the next one, the expiry removed from its bucket
        List<Command> sweeper = roundTrips.commands(command -> command.thread().equals("waitlist-expiry"));
        roundTrips.assertKeyLookupsOnly(client.getDatabase("booking"), sweeper);
        // (the sweeps' cursor moves on once a minute whether anything expires or not: idle work too)
        assertWithin("offer expired (besides the idle sweeps)", 6, sweeper.stream().filter(command ->
                !(command.collection().equals("waitlist_expiries") && (command.name().equals("find")
                        || command.filter().toJson().contains("\"cursor\"")))).toList());
    }

    // --- measuring

    private Response measure(java.util.function.Supplier<Response> operation) {
        roundTrips.reset();
        recording = true;
        try {
            return operation.get();
        } finally {
            recording = false;
        }
    }

    private void measureConsumer(Runnable operation) {
        roundTrips.reset();
        recording = true;
        try {
            operation.run();
        } finally {
            recording = false;
        }
    }

    /** The commands of the HTTP request threads. */
    private static List<Command> requestCommands() {
        return roundTrips.commands(command -> command.thread().startsWith("http-nio"));
    }

    /**
     * The commands of the Kafka consumer threads of the service's main bindings (Spring Kafka names them
     * {@code ...-C-n}, after their destination and dead-letter topic); the waitlist's own consumers are apart.
     */
    private static List<Command> consumerCommands() {
        return roundTrips.commands(command -> command.thread().contains("-C-")
                && command.thread().contains(".booking-service.dlq"));
    }

    /** The commands of the waitlist's consumer threads (group {@code booking-service-waitlist}). */
    private static List<Command> waitlistConsumerCommands() {
        return roundTrips.commands(command -> command.thread().contains("-C-")
                && command.thread().contains(".booking-service-waitlist.dlq"));
    }

    private void assertRequestWithin(String operation, int budget) {
        assertWithin(operation, budget, requestCommands());
    }

    private void assertConsumerWithin(String operation, int budget) {
        assertWithin(operation, budget, consumerCommands());
    }

    private void assertWithin(String operation, int budget, List<Command> commands) {
        System.out.printf("round trips: %s: %d %s%n", operation, commands.size(), commands);
        assertThat(commands).as(operation).isNotEmpty();
        MongoRoundTrips.assertWithinBudget(operation, budget, commands);
        roundTrips.assertKeyLookupsOnly(client.getDatabase("booking"), commands);
    }

    // --- fixtures

    private String patient(String name) {
        String patientId = "hot-path-" + name;
        if (!patientRevisions.containsKey(patientId)) {
            register(patientId, CLINIC);
        }
        return patientId;
    }

    /**
     * The free starts of the service with the practitioner on the weekday of week {@code week} (other test classes
     * share the database), at least two hours apart so that no two of them overlap.
     */
    private Iterator<Instant> free(String practitionerId, String serviceId, int week, DayOfWeek weekday) {
        List<Instant> starts = new ArrayList<>();
        for (Instant start : freeOn(practitionerId, serviceId, day(week, weekday))) {
            if (starts.isEmpty() || !start.isBefore(starts.get(starts.size() - 1).plus(Duration.ofHours(2)))) {
                starts.add(start);
            }
        }
        return starts.iterator();
    }

    private List<Instant> freeOn(String practitionerId, String serviceId, LocalDate date) {
        return freeStarts.of(CLINIC, serviceId, practitionerId, date.atStartOfDay(EDMONTON).toInstant(),
                date.plusDays(1).atStartOfDay(EDMONTON).toInstant());
    }

    private void awaitEntryStatus(String entryId, String status) {
        await().atMost(Duration.ofSeconds(30)).until(() -> status.equals(
                mongo.findById(entryId, org.bson.Document.class, "waitlist").getString("status")));
    }

    private void publishAnswer(String patientId, String entryId, String offerId) {
        Instant at = Instant.now();
        Envelope envelope = Envelope.of(WaitlistOfferReplyReceived.TYPE, "/notification-service", at, patientId,
                CLINIC, at.toEpochMilli());
        var record = new ProducerRecord<>(Topics.NOTIFICATIONS, patientId, json.writeValueAsString(
                new WaitlistOfferReplyReceived(offerId, entryId, patientId, CLINIC,
                        WaitlistOfferReplyReceived.ACCEPT, at)));
        envelope.headers().forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        try (var producer = new KafkaProducer<>(KafkaTestUtils.producerProps(kafka), new StringSerializer(),
                new StringSerializer())) {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not publish the answer", e);
        }
    }

    private void awaitStatus(String appointmentId, String status) {
        await().atMost(Duration.ofSeconds(30)).until(() -> status.equals(
                mongo.findById(appointmentId, org.bson.Document.class, "appointments").getString("status")));
    }

    private void publishReply(String patientId, String appointmentId, String action) {
        Instant at = Instant.now();
        Envelope envelope = Envelope.of(AppointmentReplyReceived.TYPE, "/notification-service", at, patientId, CLINIC,
                at.toEpochMilli());
        var record = new ProducerRecord<>(Topics.NOTIFICATIONS, patientId, json.writeValueAsString(
                new AppointmentReplyReceived(appointmentId, patientId, CLINIC, action, at)));
        envelope.headers().forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        try (var producer = new KafkaProducer<>(KafkaTestUtils.producerProps(kafka), new StringSerializer(),
                new StringSerializer())) {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not publish the reply", e);
        }
    }
}
