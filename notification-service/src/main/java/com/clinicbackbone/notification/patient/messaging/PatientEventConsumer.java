package com.clinicbackbone.notification.patient.messaging;

import com.clinicbackbone.events.Envelope;
import com.clinicbackbone.events.PatientErased;
import com.clinicbackbone.events.PatientsMerged;
import com.clinicbackbone.messaging.InboundEvents;
import com.clinicbackbone.messaging.MalformedEventException;
import com.clinicbackbone.notification.notification.Dispatcher;
import com.clinicbackbone.notification.notification.PatientLifecycle;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Binding {@code onPatientEvent-in-0}: {@code clinic.patients.v1} → {@link PatientLifecycle}. Erasures and merges
 * are final facts, idempotent to apply, so no revision is compared; registrations and links are ignored.
 */
@Component("onPatientEvent")
class PatientEventConsumer implements Consumer<Message<byte[]>> {

    private static final Logger log = LoggerFactory.getLogger(PatientEventConsumer.class);

    private final JsonMapper json;
    private final PatientLifecycle lifecycle;
    private final Dispatcher dispatcher;

    PatientEventConsumer(JsonMapper json, PatientLifecycle lifecycle, Dispatcher dispatcher) {
        this.json = json;
        this.lifecycle = lifecycle;
        this.dispatcher = dispatcher;
    }

    @Override
    public void accept(Message<byte[]> message) {
        Envelope envelope = InboundEvents.envelope(message);
        switch (envelope.type()) {
            case PatientErased.TYPE -> {
                ErasedPayload event = read(envelope, message, ErasedPayload.class);
                String patientId = required(envelope, event == null ? null : event.patientId(), "patientId");
                matchesSubject(envelope, patientId);
                lifecycle.erased(patientId);
                log.info("Patient {} erased: contact dropped, pending notifications cancelled", patientId);
            }
            case PatientsMerged.TYPE -> {
                MergedPayload event = read(envelope, message, MergedPayload.class);
                String merged = required(envelope, event == null ? null : event.mergedPatientId(),
                        "mergedPatientId");
                String survivor = required(envelope, event.survivingPatientId(), "survivingPatientId");
                matchesSubject(envelope, merged);
                if (merged.equals(survivor)) {
                    throw new MalformedEventException("event " + envelope.id() + " merges a patient into itself");
                }
                lifecycle.merged(merged, survivor);
                dispatcher.wake();
                log.info("Patient {} merged into {}: appointments and notifications re-pointed", merged, survivor);
            }
            default -> log.debug("Ignoring event type {} ({})", envelope.type(), envelope.id());
        }
    }

    private <T> T read(Envelope envelope, Message<byte[]> message, Class<T> type) {
        try {
            return json.readValue(message.getPayload(), type);
        } catch (JacksonException e) {
            throw new MalformedEventException("event " + envelope.id() + " has no readable JSON payload", e);
        }
    }

    private static String required(Envelope envelope, String value, String field) {
        if (value == null || value.isBlank()) {
            throw new MalformedEventException("event " + envelope.id() + " lacks " + field);
        }
        return value;
    }

    /** The key (subject) is the patient id the event is about; a payload naming another one is not trusted. */
    private static void matchesSubject(Envelope envelope, String patientId) {
        if (envelope.subject() != null && !envelope.subject().equals(patientId)) {
            throw new MalformedEventException("event " + envelope.id() + " does not match its subject");
        }
    }

    /** The field of PatientErased this service reads. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ErasedPayload(String patientId) {
    }

    /** The fields of PatientsMerged this service reads. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record MergedPayload(String mergedPatientId, String survivingPatientId) {
    }
}
