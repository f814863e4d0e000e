package com.clinicbackbone.booking.waitlist.messaging;

import com.clinicbackbone.booking.waitlist.WaitlistService;
import com.clinicbackbone.events.Envelope;
import com.clinicbackbone.events.PatientErased;
import com.clinicbackbone.events.PatientsMerged;
import com.clinicbackbone.messaging.InboundEvents;
import com.clinicbackbone.messaging.MalformedEventException;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Binding {@code onWaitlistPatientEvent-in-0}: {@code clinic.patients.v1} (group {@code booking-service-waitlist}) →
 * an erased patient's waitlist entries are dropped (an open offer's time goes to the next entry), a merged patient's
 * move to the survivor. Both are idempotent (a redelivery finds them done).
 */
@Component("onWaitlistPatientEvent")
class WaitlistPatientConsumer implements Consumer<Message<byte[]>> {

    private static final Logger log = LoggerFactory.getLogger(WaitlistPatientConsumer.class);

    private final JsonMapper json;
    private final WaitlistService waitlist;

    WaitlistPatientConsumer(JsonMapper json, WaitlistService waitlist) {
        this.json = json;
        this.waitlist = waitlist;
    }

    @Override
    public void accept(Message<byte[]> message) {
        Envelope envelope = InboundEvents.envelope(message);
        switch (envelope.type()) {
            case PatientErased.TYPE -> {
                Payload event = payload(envelope, message);
                if (!envelope.subject().equals(event.patientId())) {
                    throw new MalformedEventException("event " + envelope.id() + " lacks a patientId matching its"
                            + " subject");
                }
                int removed = waitlist.patientErased(event.patientId());
                if (removed > 0) {
                    log.info("Patient {} erased: {} waitlist entries removed", event.patientId(), removed);
                }
            }
            case PatientsMerged.TYPE -> {
                Payload event = payload(envelope, message);
                if (!envelope.subject().equals(event.mergedPatientId()) || event.survivingPatientId() == null
                        || event.survivingPatientId().equals(event.mergedPatientId())) {
                    throw new MalformedEventException("event " + envelope.id() + " needs a mergedPatientId matching"
                            + " its subject and a different survivingPatientId");
                }
                int moved = waitlist.patientMerged(event.mergedPatientId(), event.survivingPatientId());
                if (moved > 0) {
                    log.info("Patient {} merged into {}: {} waitlist entries moved", event.mergedPatientId(),
                            event.survivingPatientId(), moved);
                }
            }
            default -> log.debug("Ignoring event type {} ({})", envelope.type(), envelope.id());
        }
    }

    private Payload payload(Envelope envelope, Message<byte[]> message) {
        try {
            Payload event = json.readValue(message.getPayload(), Payload.class);
            if (event == null) {
                throw new MalformedEventException("event " + envelope.id() + " has no payload");
            }
            return event;
        } catch (JacksonException e) {
            throw new MalformedEventException("event " + envelope.id() + " has no readable JSON payload", e);
        }
    }

    /** The fields of PatientErased and PatientsMerged this consumer reads. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Payload(String patientId, String mergedPatientId, String survivingPatientId) {
    }
}
