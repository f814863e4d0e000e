package com.clinicbackbone.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.clinicbackbone.events.AppointmentBooked;
import com.clinicbackbone.events.Envelope;
import com.clinicbackbone.events.PatientErased;
import com.clinicbackbone.events.PatientsMerged;
import com.clinicbackbone.events.Topics;
import com.clinicbackbone.security.DemoPersona;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.utils.KafkaTestUtils;

/** Erasure and merge events from clinic.patients.v1 and tombstones on the contact directory. */
class PatientErasureIntegrationTest extends RunningServiceTest {

    static final String GIVEN_NAME = "Zephyrine";
    static final String EMAIL = "zephyrine.quarrel@example.org";
    static final String PHONE = "+15875550177";

    @Test
    void erasureDropsTheContactCancelsWhatIsPendingAndLeavesNothingPersonalInAnyCollection() throws Exception {
        publishContact("pat-erase-1", GIVEN_NAME, EMAIL, PHONE, List.of("EMAIL", "SMS"), List.of("EMAIL", "SMS"), 1);
        awaitContact("pat-erase-1");
        publishAppointment(AppointmentBooked.TYPE, "apt-erase-1", "running-shoe", "prac-1", "pat-erase-1",
                Instant.now().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.MINUTES), 1);
        awaitEmail(EMAIL, "Your appointment is booked");
        await().atMost(Duration.ofSeconds(30)).until(() -> byKind("apt-erase-1", "CONFIRMATION").stream()
                .allMatch(n -> "SENT".equals(n.get("status"))));
        assertThat(personalDataIn(List.of("notifications", "appointments", "patients")))
                .as("only the contact copy holds personal data, even while the patient is known").isEmpty();

        publishPatientEvent(PatientErased.TYPE, "pat-erase-1", new PatientErased("pat-erase-1"));

        await().atMost(Duration.ofSeconds(30))
                .until(() -> mongo.findById("pat-erase-1", Document.class, "contacts") == null);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(byKind("apt-erase-1", "REMINDER"))
                .hasSize(2).allSatisfy(reminder -> assertThat(reminder).containsEntry("status", "CANCELLED")
                        .containsEntry("reason", "patient erased")));
        assertThat(byKind("apt-erase-1", "CONFIRMATION"))
                .allSatisfy(sent -> assertThat(sent).containsEntry("status", "SENT"));

        // a contact record still in flight must not bring the data back
        publishContact("pat-erase-1", GIVEN_NAME, EMAIL, PHONE, List.of("EMAIL"), null, 2);
        publishContact("pat-erase-sentinel", "Sam", "sam@example.org", "+15875550178", List.of("EMAIL"), null, 1);
        awaitContact("pat-erase-sentinel");
        assertThat(mongo.findById("pat-erase-1", Document.class, "contacts")).isNull();

        assertThat(personalDataIn(mongo.getCollectionNames().stream().toList())).isEmpty();
    }

    @Test
    void contactTombstoneAloneCancelsPendingNotificationsAsAnErasure() throws Exception {
        publishContact("pat-erase-2", "Bo", "bo@example.org", "+15875550133", List.of("SMS"), null, 1);
        awaitContact("pat-erase-2");
        publishAppointment(AppointmentBooked.TYPE, "apt-erase-2", "running-shoe", "prac-1", "pat-erase-2",
                Instant.now().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.MINUTES), 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> notifications("appointmentId=apt-erase-2").size() == 4);

        producer.send(new ProducerRecord<>(Topics.PATIENT_CONTACTS, "pat-erase-2", null));
        producer.flush();

        await().atMost(Duration.ofSeconds(30))
                .until(() -> mongo.findById("pat-erase-2", Document.class, "contacts") == null);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(byKind("apt-erase-2", "REMINDER"))
                .allSatisfy(reminder -> assertThat(reminder).containsEntry("status", "CANCELLED")
                        .containsEntry("reason", "patient erased")));
    }

    @Test
    void mergeRepointsTheRetiredIdsNotificationsToTheSurvivorWhoseContactIsUsed() throws Exception {
        publishContact("pat-merge-new", "Eve", "eve@example.org", "+15875550166", List.of("EMAIL"), null, 1);
        awaitContact("pat-merge-new");
        Instant start = Instant.now().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.MINUTES);
        publishAppointment(AppointmentBooked.TYPE, "apt-merge-1", "running-shoe", "prac-1", "pat-merge-old", start,
                1);
        await().atMost(Duration.ofSeconds(30)).until(() -> notifications("appointmentId=apt-merge-1").size() == 4);

        // the merge's tombstone for the retired id first, as the outbox may deliver it
        producer.send(new ProducerRecord<>(Topics.PATIENT_CONTACTS, "pat-merge-old", null));
        producer.flush();
        publishPatientEvent(PatientsMerged.TYPE, "pat-merge-old",
                new PatientsMerged("pat-merge-old", "pat-merge-new", List.of("running-shoe")));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(notifications("patientId=pat-merge-old")).isEmpty();
            assertThat(notifications("patientId=pat-merge-new")).hasSize(4)
                    .allSatisfy(n -> assertThat(n.get("status")).isIn("SCHEDULED", "SENT", "SKIPPED"));
        });
        awaitEmail("eve@example.org", "Your appointment is booked");
        assertThat(byKind("apt-merge-1", "REMINDER"))
                .allSatisfy(reminder -> assertThat(reminder).containsEntry("status", "SCHEDULED"));
        assertThat(mongo.findById("apt-merge-1", Document.class, "appointments").getString("patientId"))
                .isEqualTo("pat-merge-new");
        assertThat(notifications("patientId=pat-merge-new", DemoPersona.FRONTDESK_RUNNING_SHOE)).hasSize(4);
    }

    @Test
    void malformedPatientEventGoesToItsDeadLetterTopicAndTheNextOneIsStillApplied() {
        publish(Topics.PATIENTS, Envelope.of(PatientErased.TYPE, "/patient-service", Instant.now(), "pat-erase-3",
                null, 1), "{\"patientId\":".getBytes(StandardCharsets.UTF_8));
        publishPatientEvent(PatientErased.TYPE, "pat-erase-4", new PatientErased("pat-erase-4"));

        String dlq = Topics.PATIENTS + ".notification-service.dlq";
        Map<String, Object> props = KafkaTestUtils.consumerProps(kafka, "patient-dlq-reader", false);
        props.put("auto.offset.reset", "earliest");
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(dlq));
            ConsumerRecord<String, byte[]> dead = KafkaTestUtils.getSingleRecord(consumer, dlq, Duration.ofSeconds(30));
            assertThat(dead.key()).isEqualTo("pat-erase-3");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Document patient = mongo.findById("pat-erase-4", Document.class, "patients");
            return patient != null && Boolean.TRUE.equals(patient.getBoolean("erased"));
        });
    }

    private void publishPatientEvent(String type, String key, Object event) {
        publish(Topics.PATIENTS, Envelope.of(type, "/patient-service", Instant.now(), key, null, 1),
                json.writeValueAsBytes(event));
    }

    /** Every raw document of the collections that contains the erased patient's name, email or phone number. */
    private List<String> personalDataIn(List<String> collections) {
        List<String> found = new ArrayList<>();
        String digits = PHONE.substring(2);
        for (String collection : collections) {
            for (Document document : mongo.findAll(Document.class, collection)) {
                String raw = document.toJson();
                if (raw.contains(GIVEN_NAME) || raw.toLowerCase().contains("zephyrine") || raw.contains(EMAIL)
                        || raw.contains("quarrel") || raw.contains(digits)) {
                    found.add(collection + ": " + raw);
                }
            }
        }
        return found;
    }
}
