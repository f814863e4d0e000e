package com.clinicbackbone.notification;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.clinicbackbone.notification.appointment.Appointment;
import com.clinicbackbone.notification.appointment.AppointmentStatus;
import com.clinicbackbone.notification.appointment.Appointments;
import com.clinicbackbone.notification.contact.Channel;
import com.clinicbackbone.notification.contact.Contact;
import com.clinicbackbone.notification.contact.Contacts;
import com.clinicbackbone.notification.notification.Dispatcher;
import com.clinicbackbone.notification.notification.Notification;
import com.clinicbackbone.notification.notification.NotificationKind;
import com.clinicbackbone.notification.notification.NotificationStatus;
import com.clinicbackbone.notification.notification.Notifications;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The issue's proof: two notification-service instances (this test's application context, "A", and a second one
 * started with SpringApplicationBuilder, "B") against one MongoDB-wire database, Twilio faked by WireMock and
 * SMTP by GreenMail. 500 appointments each get an email and an SMS reminder due now (1,000 reminders), inserted
 * through the service's own repositories.
 */
class TwoInstancesSendOnceIntegrationTest extends RunningServiceTest {

    static final int APPOINTMENTS = 500;
    static final int REMINDERS = 2 * APPOINTMENTS;
    static final String INSTANCE_B = "instance-b";
    /** B's lease: short, so A takes B's work over soon after B is killed. */
    static final Duration LEASE_B = Duration.ofSeconds(5);
    static final Duration OFFSET = Duration.ofHours(24);

    @Autowired
    Appointments appointments;
    @Autowired
    Contacts contacts;
    @Autowired
    Notifications notificationStore;
    @Autowired
    Dispatcher dispatcherA;

    ConfigurableApplicationContext instanceB;

    @BeforeEach
    void stubTwilioForTheseNumbersWithALittleLatency() {
        // Twilio's 201 answer to a Messages.json POST, a few milliseconds late so sends are in flight at any time
        twilio.stubFor(post(urlPathEqualTo(MESSAGES_PATH)).withRequestBody(containing("To=%2B1403")).atPriority(1)
                .willReturn(aResponse().withStatus(201).withFixedDelay(10)
                        .withHeader("Content-Type", "application/json")
                        .withTransformers("response-template")
                        .withBody("""
                                {"account_sid": "%1$s", "api_version": "2010-04-01", "body": "{{formData request.body 'form' urlDecode=true}}{{form.Body}}",
                                 "date_created": "Thu, 24 Aug 2023 05:01:45 +0000", "date_sent": null,
                                 "date_updated": "Thu, 24 Aug 2023 05:01:45 +0000", "direction": "outbound-api",
                                 "error_code": null, "error_message": null, "from": "+15875550100",
                                 "messaging_service_sid": null, "num_media": "0", "num_segments": "1", "price": null,
                                 "price_unit": null, "sid": "SM{{randomValue length=32 type='HEXADECIMAL'}}",
                                 "status": "queued", "subresource_uris": {"media": "/2010-04-01/Accounts/%1$s/Messages/SMxx/Media.json"},
                                 "to": "{{form.To}}", "uri": "/2010-04-01/Accounts/%1$s/Messages/SMxx.json"}
                                """.formatted(ACCOUNT_SID))));
        instanceB = startInstanceB();
    }

    @AfterEach
    void stopInstanceB() {
        if (instanceB != null && instanceB.isActive()) {
            instanceB.close();
        }
    }

    @Test
    void twoInstancesSendEachOfAThousandDueRemindersExactlyOnce() {
        List<String> ids = planDueReminders("run1");

        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(500))
                .until(() -> countWithStatus(ids, NotificationStatus.SENT) == REMINDERS);

        List<Document> deliveries = deliveriesOf("run1");
        assertThat(deliveries).hasSize(REMINDERS)
                .allSatisfy(delivery -> assertThat(delivery.getString("status")).isEqualTo("SENT"));
        Map<String, Long> byInstance = deliveries.stream()
                .collect(Collectors.groupingBy(d -> d.getString("instanceId"), Collectors.counting()));
        assertThat(byInstance).containsOnlyKeys(dispatcherA.instanceId(), INSTANCE_B);
        assertThat(smsRequestsPerNumber("run1")).hasSize(APPOINTMENTS).allSatisfy((to, count) ->
                assertThat(count).as("SMS requests to %s", to).isEqualTo(1));
        assertThat(emailsPerAddress("run1")).hasSize(APPOINTMENTS).allSatisfy((to, count) ->
                assertThat(count).as("emails to %s", to).isEqualTo(1));
    }

    @Test
    void whenOneInstanceIsKilledMidRunTheOtherFinishesItsLeasedWorkWithoutDuplicatesOrLosses() {
        List<String> ids = planDueReminders("run2");
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(20)).until(() -> mongo.count(
                query(where("_id").regex("^apt-run2-").and("instanceId").is(INSTANCE_B)), "deliveries") >= 150);

        // killed: its database connection cut at once (as when the process dies), then the rest torn down
        instanceB.getBean(com.mongodb.client.MongoClient.class).close();
        instanceB.close();
        List<String> leftLeased = mongo.find(query(where("_id").in(ids).and("status").is("SCHEDULED")
                .and("leaseToken").regex("^" + INSTANCE_B + "/")), Document.class, "notifications").stream()
                .map(d -> d.getString("_id")).toList();
        assertThat(leftLeased).as("notifications B held when it died").isNotEmpty();

        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(500))
                .until(() -> countWithStatus(ids, NotificationStatus.SENT)
                        + countWithStatus(ids, NotificationStatus.UNKNOWN) == REMINDERS);

        Map<String, Document> notifications = mongo.find(query(where("_id").in(ids)), Document.class,
                "notifications").stream().collect(Collectors.toMap(d -> d.getString("_id"), Function.identity()));
        Map<String, Document> deliveries = deliveriesOf("run2").stream()
                .collect(Collectors.toMap(d -> d.getString("_id"), Function.identity()));
        assertThat(deliveries).as("one delivery record per reminder, none lost").hasSize(REMINDERS);
        notifications.forEach((id, notification) -> {
            String status = notification.getString("status");
            assertThat(deliveries.get(id).getString("status")).as(id).isEqualTo(status);
            if ("UNKNOWN".equals(status)) {
                assertThat(notification.getString("reason")).as(id).contains("not sent again");
                assertThat(deliveries.get(id).getString("instanceId")).as(id).isEqualTo(INSTANCE_B);
            }
        });
        assertThat(leftLeased).allSatisfy(id -> assertThat(notifications.get(id).getString("status"))
                .isIn("SENT", "UNKNOWN"));
        long unknown = countWithStatus(ids, NotificationStatus.UNKNOWN);
        assertThat(countWithStatus(ids, NotificationStatus.SENT) + unknown).isEqualTo(REMINDERS);

        Map<String, Long> sms = smsRequestsPerNumber("run2");
        Map<String, Long> emails = emailsPerAddress("run2");
        assertThat(sms.values()).as("no SMS sent twice").allMatch(count -> count == 1);
        assertThat(emails.values()).as("no email sent twice").allMatch(count -> count == 1);
        for (int i = 0; i < APPOINTMENTS; i++) {
            String appointmentId = appointmentId("run2", i);
            if ("SENT".equals(notifications.get(reminderId(appointmentId, Channel.SMS)).getString("status"))) {
                assertThat(sms).as(appointmentId).containsEntry(phone("run2", i), 1L);
            }
            if ("SENT".equals(notifications.get(reminderId(appointmentId, Channel.EMAIL)).getString("status"))) {
                assertThat(emails).as(appointmentId).containsEntry(email("run2", i), 1L);
            }
        }
        // what went out is at least everything recorded SENT; at most that plus what is recorded UNKNOWN
        assertThat((long) sms.size() + emails.size())
                .isBetween((long) REMINDERS - unknown, (long) REMINDERS);
    }

    private ConfigurableApplicationContext startInstanceB() {
        Map<String, Object> properties = new HashMap<>();
        properties.put("server.port", 0);
        properties.put("spring.mongodb.uri",
                "mongodb://" + mongoAddress.getHostString() + ":" + mongoAddress.getPort() + "/notifications");
        properties.put("spring.mail.host", "127.0.0.1");
        properties.put("spring.mail.port", smtp.getSmtp().getPort());
        properties.put("notifications.sms.base-url", twilio.baseUrl());
        properties.put("notifications.sms.account-sid", ACCOUNT_SID);
        properties.put("notifications.sms.auth-token", AUTH_TOKEN);
        properties.put("notifications.sms.status-callback-url", STATUS_CALLBACK);
        properties.put("spring.security.oauth2.resourceserver.jwt.issuer-uri", issuer.uri());
        properties.put("spring.cloud.stream.kafka.binder.brokers", kafka.getBrokersAsString());
        // B only sends: the events are A's to consume (a second group member would only slow the other tests)
        for (String binding : List.of("onContactRecord-in-0", "onAppointmentEvent-in-0", "onPatientEvent-in-0")) {
            properties.put("spring.cloud.stream.bindings." + binding + ".consumer.auto-startup", false);
        }
        properties.put("notifications.dispatcher.instance-id", INSTANCE_B);
        properties.put("notifications.dispatcher.lease", LEASE_B.toString());
        properties.put("notifications.dispatcher.threads", 2);
        // as command-line arguments: they must win over application.yml (builder properties are only defaults)
        return new SpringApplicationBuilder(NotificationServiceApplication.class).run(properties.entrySet().stream()
                .map(property -> "--" + property.getKey() + "=" + property.getValue()).toArray(String[]::new));
    }

    /** 500 booked appointments three days ahead, patients with both channels, and their reminders due now. */
    private List<String> planDueReminders(String run) {
        Instant now = Instant.now();
        Instant start = now.plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.MINUTES);
        for (int i = 0; i < APPOINTMENTS; i++) {
            String patientId = "pat-" + run + "-" + i;
            contacts.saveIfNotOlder(new Contact(patientId, "Pat", email(run, i), phone(run, i), "en",
                    Set.of(Channel.EMAIL, Channel.SMS), null, 1));
            appointments.saveIfNotOlder(new Appointment(appointmentId(run, i), "running-shoe", "prac-1", patientId,
                    start, start.plus(Duration.ofMinutes(45)), AppointmentStatus.BOOKED, 1, "svc-physio"));
        }
        List<Notification> reminders = new java.util.ArrayList<>();
        for (int i = 0; i < APPOINTMENTS; i++) {
            for (Channel channel : Channel.values()) {
                String appointmentId = appointmentId(run, i);
                reminders.add(new Notification(reminderId(appointmentId, channel), appointmentId,
                        "pat-" + run + "-" + i, "running-shoe", NotificationKind.REMINDER, channel,
                        NotificationStatus.SCHEDULED, now, null, null, 0, null, null, now, 1, start, null, null));
            }
        }
        reminders.forEach(notificationStore::addIfAbsent);
        dispatcherA.wake();
        return reminders.stream().map(Notification::id).toList();
    }

    private long countWithStatus(List<String> ids, NotificationStatus status) {
        String run = ids.get(0).split("-")[1];
        return mongo.count(query(where("_id").regex("^apt-" + run + "-").and("status").is(status.name())),
                "notifications");
    }

    private List<Document> deliveriesOf(String run) {
        return mongo.find(query(where("_id").regex("^apt-" + run + "-")), Document.class, "deliveries");
    }

    private Map<String, Long> smsRequestsPerNumber(String run) {
        String prefix = phone(run, 0).substring(0, 8);
        return twilio.findAll(postRequestedFor(urlPathEqualTo(MESSAGES_PATH))).stream()
                .map(request -> request.formParameter("To").firstValue())
                .filter(to -> to.startsWith(prefix))
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    private Map<String, Long> emailsPerAddress(String run) {
        return Arrays.stream(smtp.getReceivedMessagesForDomain(run + ".two-instances.example"))
                .map(TwoInstancesSendOnceIntegrationTest::recipient)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    private static String recipient(MimeMessage message) {
        try {
            return message.getRecipients(RecipientType.TO)[0].toString();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String appointmentId(String run, int i) {
        return "apt-" + run + "-" + i;
    }

    static String reminderId(String appointmentId, Channel channel) {
        return Notification.reminderIdOf(appointmentId, channel, OFFSET);
    }

    static String email(String run, int i) {
        return "p" + i + "@" + run + ".two-instances.example";
    }

    /** Calgary's other area code, one run per exchange: +1403 1xx xxxx for run1, +1403 2xx xxxx for run2. */
    static String phone(String run, int i) {
        return "+1403" + run.charAt(run.length() - 1) + String.format("%06d", i);
    }
}
