package com.clinicbackbone.booking.patient.messaging;

import com.clinicbackbone.booking.appointment.AppointmentService;
import com.clinicbackbone.booking.patient.PatientRegistry;
import com.clinicbackbone.events.Envelope;
import com.clinicbackbone.events.PatientErased;
import com.clinicbackbone.events.PatientLinkedToClinic;
import com.clinicbackbone.events.PatientRegistered;
import com.clinicbackbone.events.PatientsMerged;
import com.clinicbackbone.messaging.InboundEvents;
import com.clinicbackbone.messaging.MalformedEventException;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Binding {@code onPatientEvent-in-0}: {@code clinic.patients.v1} → the patient registry projection. An erasure
 * also clears the free text of the patient's appointments (every time it is delivered: that part is idempotent).
 * Every event is a few key lookups: the patient by id, a compare-and-set on it, and for an erasure the appointments
 * with free text by id.
 */
@Component("onPatientEvent")
class PatientEventConsumer implements Consumer<Message<byte[]>> {

    private static final Logger log = LoggerFactory.getLogger(PatientEventConsumer.class);

    private final JsonMapper json;
    private final PatientRegistry registry;
    private final AppointmentService appointments;

    PatientEventConsumer(JsonMapper json, PatientRegistry registry, AppointmentService appointments) {
        this.json = json;
        this.registry = registry;
        this.appointments = appointments;
    }

    @Override
    public void accept(Message<byte[]> message) {
        Envelope envelope = InboundEvents.envelope(message);
        boolean applied = switch (envelope.type()) {
            case PatientRegistered.TYPE, PatientLinkedToClinic.TYPE -> {
                PatientPayload event = payload(envelope, message);
                yield registry.applyLinked(event.patientId(), required(envelope, "clinicId", event.clinicId()),
                        revision(envelope));
            }
            case PatientErased.TYPE -> {
                PatientPayload event = payload(envelope, message);
                PatientRegistry.Erasure erasure = registry.applyErased(event.patientId(), revision(envelope));
                int scrubbed = appointments.erasePersonalData(erasure.appointmentsWithFreeText());
                log.info("Patient {} erased: {} appointment(s) cleared of personal data", event.patientId(),
                        scrubbed);
                yield erasure.changed();
            }
            case PatientsMerged.TYPE -> {
                MergePayload event = merge(envelope, message);
                yield registry.applyMerged(event.mergedPatientId(), event.survivingPatientId(),
                        event.clinicIds() == null ? List.of() : event.clinicIds().stream()
                                .filter(Objects::nonNull).toList(), revision(envelope));
            }
            default -> {
                log.debug("Ignoring event type {} ({})", envelope.type(), envelope.id());
                yield true;
            }
        };
        if (!applied) {
            log.debug("Event {} for patient {} (revision {}) is not newer than the projection; ignored",
                    envelope.id(), envelope.subject(), envelope.revision());
        }
    }

    private PatientPayload payload(Envelope envelope, Message<byte[]> message) {
        PatientPayload event = read(envelope, message, PatientPayload.class);
        if (event == null || !envelope.subject().equals(event.patientId())) {
            throw new MalformedEventException("event " + envelope.id() + " lacks a patientId matching its subject");
        }
        return event;
    }

    private MergePayload merge(Envelope envelope, Message<byte[]> message) {
        MergePayload event = read(envelope, message, MergePayload.class);
        if (event == null || !envelope.subject().equals(event.mergedPatientId())
                || event.survivingPatientId() == null || event.survivingPatientId().isBlank()
                || event.survivingPatientId().equals(event.mergedPatientId())) {
            throw new MalformedEventException("event " + envelope.id()
                    + " needs a mergedPatientId matching its subject and a different survivingPatientId");
        }
        return event;
    }

    private <T> T read(Envelope envelope, Message<byte[]> message, Class<T> type) {
        try {
            return json.readValue(message.getPayload(), type);
        } catch (JacksonException e) {
            throw new MalformedEventException("event " + envelope.id() + " has no readable JSON payload", e);
        }
    }

    private static long revision(Envelope envelope) {
        if (envelope.revision() < 1) {
            throw new MalformedEventException("event " + envelope.id() + " has no patient revision");
        }
        return envelope.revision();
    }

    private static String required(Envelope envelope, String field, String value) {
        if (value == null || value.isBlank()) {
            throw new MalformedEventException("event " + envelope.id() + " lacks " + field);
        }
        return value;
    }

    /** The fields of PatientRegistered / PatientLinkedToClinic / PatientErased this service reads. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record PatientPayload(String patientId, String clinicId) {
    }

    /** The fields of PatientsMerged this service reads. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record MergePayload(String mergedPatientId, String survivingPatientId, List<String> clinicIds) {
    }
}
