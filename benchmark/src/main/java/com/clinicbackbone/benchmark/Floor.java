package com.clinicbackbone.benchmark;

import com.clinicbackbone.events.AppointmentBooked;
import com.clinicbackbone.events.Envelope;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;

/**
 * The raw floor of a booking, done directly with the bare MongoDB Java driver and Kafka producer: per booking one
 * insert (the appointment document with its outbox entry) and one record of the AppointmentBooked event's size and
 * headers, acks=all, waited for. Into a scratch database and a scratch topic of the same server and broker.
 */
final class Floor implements AutoCloseable {

    static final String DATABASE = "benchmark_floor";
    static final String TOPIC = "benchmark.floor.v1";

    private final MongoClient mongo;
    private final MongoCollection<Document> appointments;
    private final KafkaProducer<String, String> producer;

    Floor(String mongoUri, String kafkaBootstrap) {
        mongo = MongoClients.create(mongoUri);
        MongoDatabase database = mongo.getDatabase(DATABASE);
        appointments = database.getCollection("appointments");
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
    }

    /** Writes one booking of the slot for the patient: one insert, one acknowledged send. */
    void book(Slots.Slot slot, String patientId) {
        String id = UUID.randomUUID().toString();
        Envelope envelope = Envelope.of(AppointmentBooked.TYPE, "/booking-service", Instant.now(), id,
                Slots.CLINIC, 1);
        String payload = Api.JSON.writeValueAsString(new AppointmentBooked(id, Slots.CLINIC, slot.serviceId(),
                slot.practitionerId(), patientId, slot.start(), slot.end(), "BOOKED"));
        Document outboxEntry = new Document("eventId", envelope.id()).append("topic", TOPIC)
                .append("type", envelope.type()).append("source", envelope.source())
                .append("time", Date.from(envelope.time())).append("subject", id).append("clinicId", Slots.CLINIC)
                .append("revision", 1L).append("payload", payload);
        Instant now = Instant.now();
        appointments.insertOne(new Document("_id", id).append("clinicId", Slots.CLINIC)
                .append("serviceId", slot.serviceId()).append("practitionerId", slot.practitionerId())
                .append("patientId", patientId).append("start", Date.from(slot.start()))
                .append("end", Date.from(slot.end())).append("createdAt", Date.from(now)).append("walkIn", false)
                .append("status", "BOOKED").append("revision", 1L).append("outbox", List.of(outboxEntry))
                .append("outboxPending", true));

        ProducerRecord<String, String> record = new ProducerRecord<>(TOPIC, id, payload);
        envelope.headers().forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        try {
            producer.send(record).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not publish", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        producer.close();
        mongo.close();
    }
}
