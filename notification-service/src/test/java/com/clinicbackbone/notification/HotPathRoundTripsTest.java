package com.clinicbackbone.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.clinicbackbone.events.AppointmentBooked;
import com.clinicbackbone.events.AppointmentCancelled;
import com.clinicbackbone.events.AppointmentConfirmed;
import com.clinicbackbone.events.AppointmentRescheduled;
import com.clinicbackbone.events.Envelope;
import com.clinicbackbone.events.PatientErased;
import com.clinicbackbone.events.Topics;
import com.clinicbackbone.messaging.testing.MongoRoundTrips;
import com.clinicbackbone.messaging.testing.MongoRoundTrips.Command;
import com.clinicbackbone.notification.appointment.Appointment;
import com.clinicbackbone.notification.appointment.AppointmentStatus;
import com.clinicbackbone.notification.appointment.Appointments;
import com.clinicbackbone.notification.contact.Channel;
import com.clinicbackbone.notification.contact.Contact;
import com.clinicbackbone.notification.contact.Contacts;
import com.clinicbackbone.notification.delivery.Deliveries;
import com.clinicbackbone.notification.notification.Dispatcher;
import com.clinicbackbone.notification.notification.Notification;
import com.clinicbackbone.notification.notification.NotificationKind;
import com.clinicbackbone.notification.notification.NotificationStatus;
import com.clinicbackbone.notification.notification.Notifications;
import com.clinicbackbone.notification.notification.sms.TwilioSignature;
import com.mongodb.client.MongoClient;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The MongoDB round trips of every hot path, counted with a command listener on the service's own client against
 * a budget written here, with a few hundred past notifications (and their deliveries and appointments) stored
 * first; every filter on these paths must be one the embedded server serves from a unique index
 * ({@link MongoRoundTrips#assertKeyLookupsOnly}). Events go through the real (embedded) Kafka broker and are counted
 * on the consumer's thread; the dispatcher's commands on its threads; the SMS webhooks on the request's thread.
 * Its own database, so no other test's context touches what it measures.
 */
@Import(HotPathRoundTripsTest.RoundTripsConfiguration.class)
@TestPropertySource(properties = "test.database=" + HotPathRoundTripsTest.DATABASE)
class HotPathRoundTripsTest extends RunningServiceTest {

    static final String DATABASE = "notifications-round-trips";
    static final int HISTORY = 300;
    static final int BATCH = 64;

    /** Budgets, in MongoDB round trips. */
    static final int CONTACT_RECORD = 3;
    static final int APPOINTMENT_BOOKED = 3;
    static final int APPOINTMENT_MOVED = 3;
    static final int APPOINTMENT_CONFIRMED = 3;
    static final int APPOINTMENT_CANCELLED = 3;
    /**
     * Rare (once per patient at most) and wide by nature: the registry, the contact and its phone number's list, the
     * patient's appointments (read, then marked) and their pending notifications; each a key lookup.
     */
    static final int PATIENT_ERASED = 8;
    /** Per reminder, amortised over a batch of {@link #BATCH} due at once. */
    static final double REMINDER_SENT = 4;
    static final int SMS_STATUS_CALLBACK = 3;
    static final int INBOUND_OPT_OUT = 6;
    static final int INBOUND_CONFIRM = 6;
    /** The offer kept (one upsert by patient id) and its messages planned (one bulk). */
    static final int WAITLIST_OFFER_CONSUMED = 2;
    /** As a confirmation, with the number's open offers read by patient id instead of the next appointment. */
    static final int INBOUND_OFFER_ANSWER = 6;

    @TestConfiguration(proxyBeanMethods = false)
    static class RoundTripsConfiguration {

        @Bean
        MongoRoundTrips mongoRoundTrips() {
            return new MongoRoundTrips();
        }

        @Bean
        MongoClientSettingsBuilderCustomizer countRoundTrips(MongoRoundTrips roundTrips) {
            return MongoRoundTrips.customizer(roundTrips);
        }
    }

    @Autowired
    MongoRoundTrips roundTrips;
    @Autowired
    MongoClient client;
    @Autowired
    Appointments appointments;
    @Autowired
    Contacts contacts;
    @Autowired
    Notifications notificationStore;
    @Autowired
    Deliveries deliveries;
    @Autowired
    Dispatcher dispatcher;

    static boolean historyStored;

    /** A year's worth in miniature: past appointments, their sent notifications and delivery records. */
    @BeforeEach
    void storePastNotifications() {
        if (historyStored) {
            return;
        }
        Instant longAgo = Instant.now().minus(Duration.ofDays(200)).truncatedTo(ChronoUnit.MINUTES);
        for (int i = 0; i < HISTORY; i++) {
            String appointmentId = "apt-past-" + i;
            Instant start = longAgo.plus(Duration.ofHours(i));
            appointments.saveIfNotOlder(new Appointment(appointmentId, "running-shoe", "prac-1", "pat-past-" + (i % 50),
                    start, start.plus(Duration.ofMinutes(45)), AppointmentStatus.COMPLETED, 4, "svc-physio"));
            Instant due = start.minus(Duration.ofDays(1));
            Notification reminder = new Notification(Notification.reminderIdOf(appointmentId, Channel.SMS,
                    Duration.ofHours(24)), appointmentId, "pat-past-" + (i % 50), "running-shoe",
                    NotificationKind.REMINDER, Channel.SMS, NotificationStatus.SENT, due, due, null, 1, "SMpast" + i,
                    "delivered", due, 1, start, due.plusSeconds(5), null);
            notificationStore.addIfAbsent(reminder);
            deliveries.begin(reminder.id(), Channel.SMS, "history", due);
            deliveries.sent(reminder.id(), 1, "SMpast" + i, due);
        }
        historyStored = true;
    }

    /**
     * Idle, the dispatcher reads the current minutes' due buckets by key once per poll interval (1 s) and nothing
     * else; the overdue gauge reads the same buckets and the notifications they name, by key.
     */
    @Test
    void idleDispatcherAndOverdueGaugeOnlyReadByKey() throws Exception {
        sleep(1500); // whatever an earlier test left to finish
        roundTrips.reset();
        sleep(3000);
        List<Command> idle = roundTrips.commands(command -> command.thread().startsWith("notification-dispatcher"));
        report("idle dispatcher for 3 s", idle);
        assertThat(idle).as("at most a read per poll, and a cursor move per minute").hasSizeLessThanOrEqualTo(5);
        roundTrips.assertKeyLookupsOnly(database(), idle);

        roundTrips.reset();
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/actuator/prometheus"))
                .andExpect(status().isOk());
        List<Command> gauge = roundTrips.commands(command -> command.collection().equals("notifications"));
        report("overdue gauge scraped", gauge);
        roundTrips.assertKeyLookupsOnly(database(), gauge);
    }

    @Test
    void contactRecordConsumed() {
        roundTrips.reset();
        publishContact("pat-rt-1", "Ada", "ada.rt@example.org", "+15875559001", List.of("EMAIL", "SMS"), null, 1);
        awaitContact("pat-rt-1");

        List<Command> consumed = settled(onTopic(Topics.PATIENT_CONTACTS));
        report("contact record consumed", consumed);
        MongoRoundTrips.assertWithinBudget("contact record consumed", CONTACT_RECORD, consumed);
        roundTrips.assertKeyLookupsOnly(database(), consumed);
    }

    @Test
    void appointmentEventsConsumed() {
        publishContact("pat-rt-2", "Bo", "bo.rt@example.org", "+15875559002", List.of("EMAIL", "SMS"), null, 1);
        awaitContact("pat-rt-2");
        Instant start = Instant.now().plus(Duration.ofDays(5)).truncatedTo(ChronoUnit.MINUTES);

        List<Command> booked = consume("apt-rt-2", () -> publishAppointment(AppointmentBooked.TYPE, "apt-rt-2", "running-shoe",
                "prac-1", "pat-rt-2", start, 1), () -> notificationsOf("apt-rt-2") == 4);
        List<Command> moved = consume("apt-rt-2", () -> publishAppointment(AppointmentRescheduled.TYPE, "apt-rt-2",
                "running-shoe", new AppointmentRescheduled("apt-rt-2", "running-shoe", "svc-prolotherapy", "prac-1",
                        "pat-rt-2", start.plus(Duration.ofDays(1)), start.plus(Duration.ofDays(1))
                        .plus(Duration.ofMinutes(45)), "BOOKED", start), 2),
                () -> notificationsOf("apt-rt-2") == 8);
        List<Command> confirmed = consume("apt-rt-2", () -> publishAppointment(AppointmentConfirmed.TYPE, "apt-rt-2",
                "running-shoe", "prac-1", "pat-rt-2", start.plus(Duration.ofDays(1)), 3),
                () -> "CONFIRMED".equals(appointmentStatus("apt-rt-2")));
        List<Command> cancelled = consume("apt-rt-2", () -> publishAppointment(AppointmentCancelled.TYPE, "apt-rt-2",
                "running-shoe", "prac-1", "pat-rt-2", start.plus(Duration.ofDays(1)), 4),
                () -> notificationsOf("apt-rt-2") == 10);

        report("appointment booked consumed", booked);
        report("appointment moved consumed", moved);
        report("appointment confirmed consumed", confirmed);
        report("appointment cancelled consumed", cancelled);
        MongoRoundTrips.assertWithinBudget("appointment booked consumed", APPOINTMENT_BOOKED, booked);
        MongoRoundTrips.assertWithinBudget("appointment moved consumed", APPOINTMENT_MOVED, moved);
        MongoRoundTrips.assertWithinBudget("appointment confirmed consumed", APPOINTMENT_CONFIRMED, confirmed);
        MongoRoundTrips.assertWithinBudget("appointment cancelled consumed", APPOINTMENT_CANCELLED, cancelled);
        for (List<Command> event : List.of(booked, moved, confirmed, cancelled)) {
            roundTrips.assertKeyLookupsOnly(database(), event);
        }
    }

    @Test
    void patientErasureConsumed() {
        publishContact("pat-rt-3", "Cy", "cy.rt@example.org", "+15875559003", List.of("EMAIL"), null, 1);
        awaitContact("pat-rt-3");
        Instant start = Instant.now().plus(Duration.ofDays(5)).truncatedTo(ChronoUnit.MINUTES);
        consume("apt-rt-3", () -> publishAppointment(AppointmentBooked.TYPE, "apt-rt-3", "running-shoe", "prac-1", "pat-rt-3",
                start, 1), () -> notificationsOf("apt-rt-3") == 4);

        List<Command> erased = settledAfter(() -> publish(Topics.PATIENTS, Envelope.of(PatientErased.TYPE,
                        "/patient-service", Instant.now(), "pat-rt-3", null, 9),
                json.writeValueAsBytes(new PatientErased("pat-rt-3"))),
                () -> mongo.findById("pat-rt-3", Document.class, "contacts") == null, Topics.PATIENTS);

        report("patient erased consumed", erased);
        MongoRoundTrips.assertWithinBudget("patient erased consumed", PATIENT_ERASED, erased);
        roundTrips.assertKeyLookupsOnly(database(), erased);
    }

    @Test
    void reminderBatchSent() {
        Instant now = Instant.now();
        Instant start = now.plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.MINUTES);
        List<Notification> due = new ArrayList<>();
        for (int i = 0; i < BATCH; i++) {
            String patientId = "pat-rt-batch-" + i;
            String appointmentId = "apt-rt-batch-" + i;
            contacts.saveIfNotOlder(new Contact(patientId, "Pat", "p" + i + "@rt.example", "+1403555" + String.format(
                    "%04d", i), "en", Set.of(Channel.EMAIL, Channel.SMS), null, 1));
            appointments.saveIfNotOlder(new Appointment(appointmentId, "running-shoe", "prac-1", patientId, start,
                    start.plus(Duration.ofMinutes(45)), AppointmentStatus.BOOKED, 1, "svc-physio"));
            Channel channel = i % 2 == 0 ? Channel.SMS : Channel.EMAIL;
            due.add(new Notification(Notification.reminderIdOf(appointmentId, channel, Duration.ofHours(24)),
                    appointmentId, patientId, "running-shoe", NotificationKind.REMINDER, channel,
                    NotificationStatus.SCHEDULED, now, null, null, 0, null, null, now, 1, start, null, null));
        }
        roundTrips.reset();
        due.forEach(notificationStore::addIfAbsent);
        dispatcher.wake();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(() -> due.stream()
                .allMatch(n -> "SENT".equals(mongo.findById(n.id(), Document.class, "notifications")
                        .getString("status"))));

        // from the wake-up to the last reminder stored SENT (idle polls of the dispatcher in that time included)
        List<Command> sent = roundTrips.commands(command -> command.thread().startsWith("notification-dispatcher"));
        report("reminder batch of " + BATCH + " sent", sent);
        double perReminder = (double) sent.size() / BATCH;
        System.out.printf("reminder sent: %.2f round trips each, amortised over %d%n", perReminder, BATCH);
        assertThat(perReminder).as("round trips per reminder sent: " + sent).isLessThanOrEqualTo(REMINDER_SENT);
        roundTrips.assertKeyLookupsOnly(database(), sent);
    }

    @Test
    void smsStatusCallback() throws Exception {
        String sid = "SMrt0123456789abcdef0123456789abcd";
        String id = "apt-rt-cb:CONFIRMATION:SMS";
        Instant now = Instant.now();
        mongo.insert(new Document("_id", id).append("appointmentId", "apt-rt-cb").append("patientId", "pat-rt-cb")
                .append("clinicId", "running-shoe").append("kind", "CONFIRMATION").append("channel", "SMS")
                .append("status", "SENT").append("providerMessageId", sid), "notifications");
        deliveries.begin(id, Channel.SMS, "instance-rt", now);
        deliveries.sent(id, 1, sid, now);

        roundTrips.reset();
        statusCallback(sid, "delivered");

        List<Command> callback = roundTrips.commands(onThread(Thread.currentThread().getName()));
        report("SMS status callback", callback);
        MongoRoundTrips.assertWithinBudget("SMS status callback", SMS_STATUS_CALLBACK, callback);
        roundTrips.assertKeyLookupsOnly(database(), callback);
        assertThat(mongo.findById(id, Document.class, "notifications").getString("deliveryStatus"))
                .isEqualTo("delivered");
    }

    @Test
    void inboundReplies() throws Exception {
        publishContact("pat-rt-4", "Di", "di.rt@example.org", "+15875559004", List.of("SMS"), null, 1);
        awaitContact("pat-rt-4");
        Instant start = Instant.now().plus(Duration.ofDays(5)).truncatedTo(ChronoUnit.MINUTES);
        consume("apt-rt-4", () -> publishAppointment(AppointmentBooked.TYPE, "apt-rt-4", "running-shoe", "prac-1", "pat-rt-4",
                start, 1), () -> notificationsOf("apt-rt-4") == 4);

        roundTrips.reset();
        inbound("SMrt-in-1", "+15875559004", "C");
        List<Command> confirm = roundTrips.commands(onThread(Thread.currentThread().getName()));
        roundTrips.reset();
        inbound("SMrt-in-2", "+15875559004", "STOP");
        List<Command> optOut = roundTrips.commands(onThread(Thread.currentThread().getName()));

        report("inbound reply C", confirm);
        report("inbound reply STOP", optOut);
        assertThat(mongo.findById("SMrt-in-1", Document.class, "sms_inbound"))
                .containsEntry("outcome", "CONFIRM_REQUESTED");
        MongoRoundTrips.assertWithinBudget("inbound reply C", INBOUND_CONFIRM, confirm);
        MongoRoundTrips.assertWithinBudget("inbound reply STOP", INBOUND_OPT_OUT, optOut);
        roundTrips.assertKeyLookupsOnly(database(), confirm);
        roundTrips.assertKeyLookupsOnly(database(), optOut);
    }

    @Test
    void waitlistOfferConsumedAndAnswered() throws Exception {
        publishContact("pat-rt-5", "Ed", "ed.rt@example.org", "+15875559005", List.of("SMS"), null, 1);
        awaitContact("pat-rt-5");
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant start = now.plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.HOURS);
        List<Command> offered = settledAfter(() -> publish(Topics.WAITLIST, com.clinicbackbone.events.Envelope.of(
                        com.clinicbackbone.events.WaitlistOfferMade.TYPE, "/booking-service", now, "entry-rt-5",
                        "running-shoe", 2), json.writeValueAsBytes(new com.clinicbackbone.events.WaitlistOfferMade(
                        "entry-rt-5", "offer-rt-5", "running-shoe", "physio-follow-up", "maya-chen", "pat-rt-5", start,
                        start.plus(Duration.ofMinutes(30)), now.plus(Duration.ofMinutes(15)), now))),
                () -> notificationsOf("offer-rt-5") == 2, Topics.WAITLIST);

        roundTrips.reset();
        inbound("SMrt-in-5", "+15875559005", "Y");
        List<Command> answered = roundTrips.commands(onThread(Thread.currentThread().getName()));

        report("waitlist offer consumed", offered);
        report("inbound reply Y to an offer", answered);
        assertThat(mongo.findById("SMrt-in-5", Document.class, "sms_inbound")).containsEntry("outcome", "OFFER_TAKEN");
        MongoRoundTrips.assertWithinBudget("waitlist offer consumed", WAITLIST_OFFER_CONSUMED, offered);
        MongoRoundTrips.assertWithinBudget("inbound reply Y to an offer", INBOUND_OFFER_ANSWER, answered);
        roundTrips.assertKeyLookupsOnly(database(), offered);
        roundTrips.assertKeyLookupsOnly(database(), answered);
    }

    /** Publishes, waits for the effect, and answers the commands made on the topic's consumer thread meanwhile. */
    private List<Command> consume(String appointmentId, Runnable publish,
                                  java.util.concurrent.Callable<Boolean> done) {
        return settledAfter(publish, done, Topics.APPOINTMENTS);
    }

    /** Publishes, waits for the effect, and answers the commands made meanwhile by the topic's consumer. */
    private List<Command> settledAfter(Runnable publish, java.util.concurrent.Callable<Boolean> done, String topic) {
        roundTrips.reset();
        publish.run();
        await().atMost(Duration.ofSeconds(30)).until(done);
        return settled(onTopic(topic));
    }

    /** Commands on the thread of the binder's consumer of the topic. */
    private static Predicate<Command> onTopic(String topic) {
        return command -> command.thread().startsWith("KafkaConsumerDestination")
                && command.thread().contains("consumerDestinationName='" + topic + "'");
    }

    /** The matching commands once no more arrive for a moment (the operation has finished), 10 s at most. */
    private List<Command> settled(Predicate<Command> which) {
        List<Command> seen = roundTrips.commands(which);
        long quietSince = System.nanoTime();
        long giveUp = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() - quietSince < Duration.ofMillis(700).toNanos() && System.nanoTime() < giveUp) {
            sleep(100);
            List<Command> now = roundTrips.commands(which);
            if (now.size() != seen.size()) {
                seen = now;
                quietSince = System.nanoTime();
            }
        }
        return seen;
    }

    private static Predicate<Command> onThread(String thread) {
        return MongoRoundTrips.onThread(thread);
    }

    private long notificationsOf(String appointmentId) {
        return mongo.count(org.springframework.data.mongodb.core.query.Query.query(
                org.springframework.data.mongodb.core.query.Criteria.where("appointmentId").is(appointmentId)),
                "notifications");
    }

    private String appointmentStatus(String appointmentId) {
        Document appointment = mongo.findById(appointmentId, Document.class, "appointments");
        return appointment == null ? null : appointment.getString("status");
    }

    private com.mongodb.client.MongoDatabase database() {
        assertThat(mongo.getDb().getName()).as("this test's own database").isEqualTo(DATABASE);
        return client.getDatabase(DATABASE);
    }

    private static void report(String operation, List<Command> commands) {
        System.out.println("ROUND TRIPS " + operation + ": " + commands.size() + "\n  " + commands.stream()
                .map(Command::toString).collect(Collectors.joining("\n  ")));
    }

    private void statusCallback(String sid, String messageStatus) throws Exception {
        Map<String, List<String>> signed = new LinkedHashMap<>();
        signed.put("MessageSid", List.of(sid));
        signed.put("MessageStatus", List.of(messageStatus));
        mvc.perform(post("/api/sms/status").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .param("MessageSid", sid).param("MessageStatus", messageStatus)
                        .header("X-Twilio-Signature", TwilioSignature.compute(AUTH_TOKEN, STATUS_CALLBACK, signed)))
                .andExpect(status().isNoContent());
    }

    private void inbound(String messageSid, String from, String body) throws Exception {
        Map<String, String> form = SmsInboundIntegrationTest.twilioForm(messageSid, from, body);
        MockHttpServletRequestBuilder request = post("/api/sms/inbound")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED);
        form.forEach(request::param);
        mvc.perform(request.header("X-Twilio-Signature", TwilioSignature.compute(AUTH_TOKEN, INBOUND_URL,
                        form.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                                entry -> List.of(entry.getValue()))))))
                .andExpect(status().isOk());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
