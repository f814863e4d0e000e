package com.clinicbackbone.patient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.clinicbackbone.events.Envelope;
import com.clinicbackbone.events.PatientContactRecord;
import com.clinicbackbone.events.SmsOptOutChanged;
import com.clinicbackbone.events.Topics;
import com.clinicbackbone.security.DemoPersona;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import tools.jackson.databind.JsonNode;

/** {@code SmsOptOutChanged} from notification-service (a STOP or START reply) → the patient's SMS consent. */
class SmsOptOutIntegrationTest extends PatientServiceIntegrationTest {

    static final DemoPersona RUNNING_SHOE = DemoPersona.FRONTDESK_RUNNING_SHOE;

    @Test
    void aStopReplyWithdrawsTheSmsConsentAndPublishesTheContactRecordOnceEvenWhenRedelivered() throws Exception {
        String id = registerSomeone(RUNNING_SHOE);
        Instant stop = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        publishOptOut(id, id, true, "ARRET", stop);

        await().atMost(ASYNC).until(() -> smsConsent(id).get("granted").asBoolean() == false);
        JsonNode consent = smsConsent(id);
        assertThat(consent.get("method").asString()).isEqualTo("SMS_REPLY");
        assertThat(Instant.parse(consent.get("recordedAt").asString())).isEqualTo(stop);
        List<String> contacts = read(Topics.PATIENT_CONTACTS, id, 2).stream().map(r -> r.value()).toList();
        assertThat(json.readValue(contacts.get(1), PatientContactRecord.class).consents()).containsExactly("EMAIL");

        // redelivered, and an older START arriving late: nothing changes; a newer START grants it again
        publishOptOut(id, id, true, "ARRET", stop);
        publishOptOut(id, id, false, "START", stop.minusSeconds(60));
        publishOptOut(id, id, false, "START", stop.plusSeconds(60));

        await().atMost(ASYNC).until(() -> smsConsent(id).get("granted").asBoolean());
        assertThat(smsConsent(id).get("method").asString()).isEqualTo("SMS_REPLY");
        List<String> after = read(Topics.PATIENT_CONTACTS, id, 3).stream().map(r -> r.value()).toList();
        assertThat(json.readValue(after.get(2), PatientContactRecord.class).consents())
                .containsExactlyInAnyOrder("EMAIL", "SMS");
    }

    @Test
    void anOptOutEventNotAboutItsSubjectGoesToTheDeadLetterTopic() throws Exception {
        String id = registerSomeone(RUNNING_SHOE);

        publishOptOut(id, "someone-else", true, "STOP", Instant.now());

        read("clinic.notifications.v1.patient-service.dlq", id, 1);
        assertThat(smsConsent(id).get("granted").asBoolean()).isTrue();
    }

    private JsonNode smsConsent(String id) throws Exception {
        for (JsonNode consent : body(get("/api/patients/" + id, RUNNING_SHOE)).get("consents")) {
            if (consent.get("channel").asString().equals("SMS")) {
                return consent;
            }
        }
        throw new AssertionError("no SMS consent on " + id);
    }

    /** Publishes the event the way notification-service's outbox does: key = patient id, the envelope as headers. */
    private void publishOptOut(String subject, String patientId, boolean optedOut, String keyword, Instant at)
            throws Exception {
        Envelope envelope = Envelope.of(SmsOptOutChanged.TYPE, "/notification-service", at, subject, null,
                at.toEpochMilli());
        var record = new ProducerRecord<>(Topics.NOTIFICATIONS, subject,
                json.writeValueAsString(new SmsOptOutChanged(patientId, optedOut, keyword, at)));
        envelope.headers().forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        try (var producer = new KafkaProducer<>(KafkaTestUtils.producerProps(kafka), new StringSerializer(),
                new StringSerializer())) {
            producer.send(record).get();
        }
    }
}
