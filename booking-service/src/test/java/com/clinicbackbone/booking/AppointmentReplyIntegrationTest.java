package com.clinicbackbone.booking;

import static java.time.DayOfWeek.TUESDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.clinicbackbone.events.AppointmentCancelled;
import com.clinicbackbone.events.AppointmentConfirmed;
import com.clinicbackbone.events.AppointmentReplyReceived;
import com.clinicbackbone.events.Envelope;
import com.clinicbackbone.events.Topics;
import com.clinicbackbone.security.DemoPersona;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import tools.jackson.databind.JsonNode;

/**
 * notification-service's {@code AppointmentReplyReceived} (the patient answered C or X by SMS) on
 * {@code clinic.notifications.v1} → confirm, cancel as the patient, or flag for the front desk inside the late window.
 */
class AppointmentReplyIntegrationTest extends AbstractIntegrationTest {

    static final String PATIENT = "pat-sms-reply";
    static final String CLINIC = "calgary-concussion";
    static final String SERVICE = "concussion-follow-up";
    static final String NOAH = "noah-tremblay";
    /**
     * A day no other test books Noah on (EndpointAccessTest walks his hours from week 4 on, the schedule tests use
     * week 2): these tests take his first free starts there.
     */
    static final LocalDate NOAHS_QUIET_DAY = day(3, TUESDAY);
    static boolean registered;

    @BeforeEach
    void registerPatient() {
        if (!registered) {
            register(PATIENT, CLINIC);
            registered = true;
        }
    }

    @Test
    void aConfirmReplyConfirmsTheBookedAppointmentOnce() {
        String id = book(firstFree(NOAHS_QUIET_DAY, Instant.EPOCH));

        publishReply(id, AppointmentReplyReceived.CONFIRM);
        publishReply(id, AppointmentReplyReceived.CONFIRM);

        await().atMost(Duration.ofSeconds(30)).until(() -> "CONFIRMED".equals(stored(id).getString("status")));
        awaitRecord(Topics.APPOINTMENTS, id, AppointmentConfirmed.TYPE);
        // the redelivery was handled (a later reply about the same appointment is processed after it) and changed nothing
        publishReply(id, "MAYBE");
        awaitRecord("clinic.notifications.v1.booking-service.dlq", PATIENT, AppointmentReplyReceived.TYPE);
        assertThat(stored(id).get("revision", Number.class).longValue()).isEqualTo(2);
    }

    @Test
    void aCancelReplyOutsideTheLateWindowCancelsAsThePatient() {
        String id = book(firstFree(NOAHS_QUIET_DAY, Instant.EPOCH));

        publishReply(id, AppointmentReplyReceived.CANCEL);

        await().atMost(Duration.ofSeconds(30)).until(() -> "CANCELLED".equals(stored(id).getString("status")));
        JsonNode read = get("/api/appointments/" + id, DemoPersona.FRONTDESK_CALGARY_CONCUSSION).body();
        assertThat(read.get("cancelledBy").asText()).isEqualTo("PATIENT");
        assertThat(read.get("late").asBoolean()).isFalse();
        assertThat(read.has("cancellationRequested")).isFalse();
        assertThat(json.readValue(awaitRecord(Topics.APPOINTMENTS, id, AppointmentCancelled.TYPE).value(),
                AppointmentCancelled.class).late()).isFalse();
    }

    @Test
    void aCancelReplyInsideTheLateWindowFlagsTheAppointmentForTheFrontDeskInsteadOfCancelling() {
        LocalDateTime now = LocalDateTime.now(EDMONTON).truncatedTo(ChronoUnit.MINUTES);
        extraHours(NOAH, CLINIC, now, now.plusHours(5));
        // a free start 2 to 4 hours ahead, well inside the 24 h window
        Instant start = firstFree(now.toLocalDate(), Instant.now().plus(Duration.ofHours(2)));
        assertThat(start).isBefore(Instant.now().plus(Duration.ofHours(5)));
        String id = book(start);

        publishReply(id, AppointmentReplyReceived.CANCEL);

        await().atMost(Duration.ofSeconds(30)).until(() -> Boolean.TRUE.equals(stored(id).get("cancellationRequested")));
        publishReply(id, AppointmentReplyReceived.CANCEL);
        JsonNode read = get("/api/appointments/" + id, DemoPersona.FRONTDESK_CALGARY_CONCUSSION).body();
        assertThat(read.get("status").asText()).isEqualTo("BOOKED");
        assertThat(read.get("cancellationRequested").asBoolean()).isTrue();
        assertThat(read.get("revision").asLong()).isEqualTo(1);
        LocalDate date = start.atZone(EDMONTON).toLocalDate();
        JsonNode day = get("/api/appointments?clinicId=" + CLINIC + "&date=" + date,
                DemoPersona.FRONTDESK_CALGARY_CONCUSSION).body();
        assertThat(day.findValues("id").stream().map(JsonNode::asText)).contains(id);
        for (JsonNode appointment : day) {
            if (appointment.get("id").asText().equals(id)) {
                assertThat(appointment.get("cancellationRequested").asBoolean()).isTrue();
            }
        }

        Response cancelled = send(port, "POST", "/api/appointments/" + id + "/cancel",
                Map.of("reason", "called back"), issuer.token(DemoPersona.FRONTDESK_CALGARY_CONCUSSION));
        assertThat(cancelled.status()).as(cancelled.text()).isEqualTo(200);
        assertThat(cancelled.body().has("cancellationRequested")).as("settled by the desk").isFalse();
        assertThat(stored(id).get("cancellationRequested")).isNull();
    }

    /** The first start Noah has free for the service from the clinic-local date on, not before the instant. */
    private Instant firstFree(LocalDate from, Instant notBefore) {
        Response slots = get("/api/availability?clinicId=" + CLINIC + "&serviceId=" + SERVICE + "&practitionerId="
                + NOAH + "&from=" + from + "&to=" + from.plusDays(1), DemoPersona.FRONTDESK_CALGARY_CONCUSSION);
        assertThat(slots.status()).as(slots.text()).isEqualTo(200);
        for (JsonNode slot : slots.body().get("slots")) {
            Instant start = Instant.parse(slot.get("start").asText());
            if (!start.isBefore(notBefore)) {
                return start;
            }
        }
        throw new AssertionError("no free start for " + NOAH + " from " + from);
    }

    private String book(Instant start) {
        Response booked = book(port, CLINIC, SERVICE, NOAH, PATIENT, start);
        assertThat(booked.status()).as(booked.text()).isEqualTo(201);
        return booked.body().get("id").asText();
    }

    private Document stored(String id) {
        return mongo.findById(id, Document.class, "appointments");
    }

    /** Publishes the reply the way notification-service's outbox does: key = patient id, the envelope as headers. */
    private void publishReply(String appointmentId, String action) {
        Instant at = Instant.now();
        Envelope envelope = Envelope.of(AppointmentReplyReceived.TYPE, "/notification-service", at, PATIENT, CLINIC,
                at.toEpochMilli());
        var record = new ProducerRecord<>(Topics.NOTIFICATIONS, PATIENT, json.writeValueAsString(
                new AppointmentReplyReceived(appointmentId, PATIENT, CLINIC, action, at)));
        envelope.headers().forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        try (var producer = new KafkaProducer<>(KafkaTestUtils.producerProps(kafka), new StringSerializer(),
                new StringSerializer())) {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not publish the reply", e);
        }
    }
}
