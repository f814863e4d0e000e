package com.clinicbackbone.patient.patient.persistence;

import com.clinicbackbone.events.Envelope;
import com.clinicbackbone.events.PatientContactRecord;
import com.clinicbackbone.events.PatientRegistered;
import com.clinicbackbone.events.Topics;
import com.clinicbackbone.messaging.OutboxEntry;
import com.clinicbackbone.messaging.OutboxRelay;
import com.clinicbackbone.patient.patient.Patient;
import com.clinicbackbone.patient.patient.Patients;
import java.util.List;
import java.util.Optional;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stores patients in the {@code patients} collection. A change and the events it registered go into the same
 * document in one write; the {@link OutboxRelay} publishes them afterwards.
 */
@Repository
class MongoPatients implements Patients {

    static final String SOURCE = "/patient-service";

    private final MongoTemplate mongo;
    private final JsonMapper json;
    private final OutboxRelay relay;

    MongoPatients(MongoTemplate mongo, JsonMapper json, OutboxRelay relay) {
        this.mongo = mongo;
        this.json = json;
        this.relay = relay;
    }

    @Override
    public void add(Patient patient) {
        List<OutboxEntry> outbox = patient.events().stream().map(event -> outboxEntry(patient, event)).toList();
        mongo.insert(PatientDocument.of(patient, outbox));
        relay.nudge();
    }

    @Override
    public Optional<Patient> find(String id) {
        return Optional.ofNullable(mongo.findById(id, PatientDocument.class)).map(PatientDocument::toPatient);
    }

    private OutboxEntry outboxEntry(Patient patient, Record event) {
        String topic;
        String type;
        if (event instanceof PatientRegistered) {
            topic = Topics.PATIENTS;
            type = PatientRegistered.TYPE;
        } else if (event instanceof PatientContactRecord) {
            topic = Topics.PATIENT_CONTACTS;
            type = PatientContactRecord.TYPE;
        } else {
            throw new IllegalArgumentException("no topic for " + event.getClass().getSimpleName());
        }
        Envelope envelope = Envelope.of(type, SOURCE, patient.registeredAt(), patient.id(), patient.clinicId(),
                patient.revision());
        return OutboxEntry.of(topic, envelope, json.writeValueAsString(event));
    }
}
