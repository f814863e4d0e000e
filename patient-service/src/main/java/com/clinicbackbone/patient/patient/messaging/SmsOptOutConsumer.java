package com.clinicbackbone.patient.patient.messaging;

import com.clinicbackbone.events.Envelope;
import com.clinicbackbone.events.SmsOptOutChanged;
import com.clinicbackbone.messaging.InboundEvents;
import com.clinicbackbone.messaging.MalformedEventException;
import com.clinicbackbone.patient.patient.PatientRegistry;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Binding {@code onSmsOptOut-in-0}: {@code clinic.notifications.v1} → the patient's SMS consent
 * ({@link PatientRegistry#recordSmsReply}) when they replied STOP or START to an SMS. Only
 * {@link SmsOptOutChanged} is read, other types on the topic are ignored; applying it twice or late changes
 * nothing (the consent keeps the newest answer). An event without its ids goes to the dead-letter topic.
 */
@Component("onSmsOptOut")
class SmsOptOutConsumer implements Consumer<Message<byte[]>> {

    private static final Logger log = LoggerFactory.getLogger(SmsOptOutConsumer.class);

    private final JsonMapper json;
    private final PatientRegistry registry;

    SmsOptOutConsumer(JsonMapper json, PatientRegistry registry) {
        this.json = json;
        this.registry = registry;
    }

    @Override
    public void accept(Message<byte[]> message) {
        Envelope envelope = InboundEvents.envelope(message);
        if (!SmsOptOutChanged.TYPE.equals(envelope.type())) {
            log.debug("Ignoring event type {} ({})", envelope.type(), envelope.id());
            return;
        }
        OptOutPayload event;
        try {
            event = json.readValue(message.getPayload(), OptOutPayload.class);
        } catch (JacksonException | IllegalArgumentException e) {
            throw new MalformedEventException("event " + envelope.id() + " has no readable JSON payload", e);
        }
        if (event == null || !envelope.subject().equals(event.patientId()) || event.optedOut() == null
                || event.at() == null) {
            throw new MalformedEventException("event " + envelope.id()
                    + " needs a patientId matching its subject, optedOut and at");
        }
        boolean changed = registry.recordSmsReply(event.patientId(), event.optedOut(), event.at());
        log.info("SMS {} of patient {} by reply: {}", event.optedOut() ? "opt-out" : "opt-in", event.patientId(),
                changed ? "recorded" : "nothing to change");
    }

    /** The fields of SmsOptOutChanged this service reads. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record OptOutPayload(String patientId, Boolean optedOut, Instant at) {
    }
}
