package com.clinicbackbone.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.clinicbackbone.events.AppointmentBooked;
import com.clinicbackbone.events.AppointmentCheckedIn;
import com.clinicbackbone.events.AppointmentConfirmed;
import com.clinicbackbone.events.Envelope;
import com.clinicbackbone.events.Topics;
import com.clinicbackbone.messaging.testing.PrometheusScrape;
import com.clinicbackbone.notification.contact.Channel;
import com.clinicbackbone.notification.notification.Notification;
import com.clinicbackbone.notification.notification.NotificationKind;
import com.clinicbackbone.notification.notification.NotificationStatus;
import com.clinicbackbone.notification.notification.Notifications;
import com.clinicbackbone.notification.notification.sms.TwilioSignature;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;

/** The reminder funnel, provider timers and the other signals, as Prometheus scrapes them; traces into consumers. */
@ExtendWith(OutputCaptureExtension.class)
class ObservabilityIntegrationTest extends RunningServiceTest {

    static final String CLINIC = "running-shoe";

    @Autowired
    HealthEndpointGroups healthGroups;
    @Autowired
    LoggingSystem logging;
    @Autowired
    Notifications notifications;

    @Test
    void countsAReminderThroughTheFunnelAndTimesTheProviders() throws Exception {
        publishContact("pat-obs-1", "Eve", "eve@example.org", "+15875550199", List.of("EMAIL", "SMS"), null, 1);
        awaitContact("pat-obs-1");
        PrometheusScrape before = scrape();
        // the running-shoe test policy reminds 24 h before on both channels: due a few seconds from now
        Instant start = Instant.now().plus(Duration.ofHours(24)).plusSeconds(3).truncatedTo(ChronoUnit.SECONDS);

        publishAppointment(AppointmentBooked.TYPE, "apt-obs-1", CLINIC, "prac-1", "pat-obs-1", start, 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> byKind("apt-obs-1", "REMINDER").size() == 2
                && byKind("apt-obs-1", "REMINDER").stream().allMatch(n -> "SENT".equals(n.get("status"))));
        statusCallback(providerMessageId("apt-obs-1:REMINDER:SMS:PT24H"), "delivered");
        statusCallback(providerMessageId("apt-obs-1:REMINDER:SMS:PT24H"), "delivered"); // a repeated callback
        publishAppointment(AppointmentConfirmed.TYPE, "apt-obs-1", CLINIC, "prac-1", "pat-obs-1", start, 2);
        await().atMost(Duration.ofSeconds(30)).until(() -> "CONFIRMED".equals(
                mongo.findById("apt-obs-1", Document.class, "appointments").getString("status")));
        publishAppointment(AppointmentCheckedIn.TYPE, "apt-obs-1", CLINIC, "prac-1", "pat-obs-1", start, 3);
        await().atMost(Duration.ofSeconds(30)).until(() -> "CHECKED_IN".equals(
                mongo.findById("apt-obs-1", Document.class, "appointments").getString("status")));

        PrometheusScrape after = scrape();
        for (String channel : List.of("EMAIL", "SMS")) {
            for (String stage : List.of("scheduled", "sent", "confirmed", "attended")) {
                assertThat(increase(before, after, "clinic_reminders_total", Map.of("clinic", CLINIC,
                        "channel", channel, "stage", stage, "reason", "none"))).as(channel + " " + stage).isEqualTo(1);
            }
        }
        assertThat(increase(before, after, "clinic_reminders_total", Map.of("clinic", CLINIC, "channel", "SMS",
                "stage", "delivered", "reason", "none"))).isEqualTo(1);
        assertThat(increase(before, after, "clinic_reminders_total", Map.of("clinic", CLINIC, "channel", "EMAIL",
                "stage", "delivered", "reason", "none"))).isZero();
        // the booking confirmation and the reminder on each channel
        assertThat(increase(before, after, "clinic_provider_requests_seconds_count",
                Map.of("provider", "twilio", "outcome", "success"))).isGreaterThanOrEqualTo(2);
        assertThat(increase(before, after, "clinic_provider_requests_seconds_count",
                Map.of("provider", "smtp", "outcome", "success"))).isGreaterThanOrEqualTo(2);
        assertThat(after.samples("clinic_provider_requests_seconds_bucket", Map.of("provider", "twilio",
                "outcome", "success", "application", "notification-service"))).isNotEmpty();
    }

    @Test
    void countsAReminderPlannedTwiceOnceAsScheduled() throws Exception {
        Instant start = Instant.now().plus(Duration.ofDays(5)).truncatedTo(ChronoUnit.MINUTES);
        Notification reminder = new Notification(Notification.reminderIdOf("apt-obs-3", Channel.EMAIL,
                Duration.ofHours(48)), "apt-obs-3", "pat-obs-3", CLINIC, NotificationKind.REMINDER, Channel.EMAIL,
                NotificationStatus.SCHEDULED, start.minus(Duration.ofHours(48)), null, null, 0, null, null,
                start.minus(Duration.ofHours(48)), 1, start, null, null);
        PrometheusScrape before = scrape();

        assertThat(notifications.addIfAbsent(reminder)).isTrue();
        assertThat(notifications.addIfAbsent(reminder)).isFalse(); // a redelivered booking plans it again

        assertThat(increase(before, scrape(), "clinic_reminders_total", Map.of("clinic", CLINIC, "channel", "EMAIL",
                "stage", "scheduled", "reason", "none"))).isEqualTo(1);
    }

    @Test
    void countsAReminderWhoseTimeHadPassedAtBookingAsSkipped() throws Exception {
        publishContact("pat-obs-2", "Fay", "fay@example.org", "+15875550198", List.of("EMAIL"), null, 1);
        awaitContact("pat-obs-2");
        PrometheusScrape before = scrape();

        publishAppointment(AppointmentBooked.TYPE, "apt-obs-2", CLINIC, "prac-1", "pat-obs-2",
                Instant.now().plus(Duration.ofHours(3)).truncatedTo(ChronoUnit.MINUTES), 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> byKind("apt-obs-2", "REMINDER").size() == 2);

        assertThat(increase(before, scrape(), "clinic_reminders_total", Map.of("clinic", CLINIC, "channel", "EMAIL",
                "stage", "skipped", "reason", "TOO_LATE"))).isEqualTo(1);
    }

    @Test
    void exportsTheContractSeriesWithoutAToken() throws Exception {
        PrometheusScrape scrape = scrape();
        for (String clinic : List.of("running-shoe", "calgary-concussion", "integrative-pain")) {
            assertThat(scrape.value("clinic_reminders_total", Map.of("clinic", clinic, "channel", "SMS",
                    "stage", "sent", "reason", "none", "application", "notification-service"))).isPresent();
        }
        assertThat(scrape.value("clinic_reminders_overdue", Map.of())).isPresent();
        assertThat(scrape.value("clinic_outbox_pending", Map.of("collection", "notifications"))).isPresent();
        assertThat(scrape.value("clinic_outbox_oldest_age_seconds", Map.of("collection", "sms_inbound"))).isPresent();
        assertThat(scrape.value("clinic_provider_requests_seconds_count",
                Map.of("provider", "smtp", "outcome", "failure"))).isPresent();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(scrape().value(
                "spring_cloud_stream_binder_kafka_offset",
                Map.of("group", "notification-service", "topic", Topics.APPOINTMENTS))).isPresent());
        mvc.perform(get("/actuator/metrics")).andExpect(status().isUnauthorized());
    }

    @Test
    void readinessWaitsForMongoAndKafkaWhileLivenessIsTheApplicationsOwnState() throws Exception {
        mvc.perform(get("/actuator/health/readiness")).andExpect(status().isOk());
        assertThat(healthGroups.get("readiness").isMember("mongo")).isTrue();
        assertThat(healthGroups.get("readiness").isMember("binders")).isTrue();
        assertThat(healthGroups.get("liveness").isMember("mongo")).isFalse();
    }

    @Test
    void theConsumerHandlesAnEventInTheTraceOfItsTraceparentHeader(CapturedOutput output) {
        String consumer = "com.clinicbackbone.notification.appointment.messaging.AppointmentEventConsumer";
        String traceId = "3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c";
        Envelope envelope = Envelope.of("clinic.appointment.unheard-of.v1", "/booking-service", Instant.now(),
                "apt-obs-traced", CLINIC, 1);
        var record = new ProducerRecord<String, byte[]>(Topics.APPOINTMENTS, "apt-obs-traced", "{}".getBytes());
        envelope.headers().forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        record.headers().add("traceparent", ("00-" + traceId + "-53995c3f42cd8ad8-01").getBytes(StandardCharsets.UTF_8));
        logging.setLogLevel(consumer, LogLevel.DEBUG);
        try {
            producer.send(record);
            producer.flush();

            // the consumer's "Ignoring event type ..." line carries the trace id of the record
            await().atMost(Duration.ofSeconds(30)).until(() -> output.getOut().lines()
                    .anyMatch(line -> line.contains(envelope.id()) && line.contains(traceId)));
        } finally {
            logging.setLogLevel(consumer, null);
        }
    }

    private double increase(PrometheusScrape before, PrometheusScrape after, String name, Map<String, String> labels) {
        return after.value(name, labels).orElseThrow(() -> new AssertionError("no " + name + labels))
                - before.value(name, labels).orElse(0);
    }

    private PrometheusScrape scrape() throws Exception {
        return new PrometheusScrape(mvc.perform(get("/actuator/prometheus")).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString()).saved();
    }

    private String providerMessageId(String notificationId) {
        Document notification = mongo.findById(notificationId, Document.class, "notifications");
        return notification == null ? null : notification.getString("providerMessageId");
    }

    private void statusCallback(String sid, String status) throws Exception {
        mvc.perform(post("/api/sms/status").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .param("MessageSid", sid).param("MessageStatus", status)
                        .header("X-Twilio-Signature", TwilioSignature.compute(AUTH_TOKEN, STATUS_CALLBACK, Map.of(
                                "MessageSid", List.of(sid), "MessageStatus", List.of(status)))))
                .andExpect(status().isNoContent());
    }
}
