package com.clinicbackbone.notification.recall.messaging;

import com.clinicbackbone.events.Envelope;
import com.clinicbackbone.events.RecallClosed;
import com.clinicbackbone.events.RecallOpened;
import com.clinicbackbone.messaging.InboundEvents;
import com.clinicbackbone.messaging.MalformedEventException;
import com.clinicbackbone.notification.notification.Dispatcher;
import com.clinicbackbone.notification.recall.RecallInvitations;
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
 * Binding {@code onRecallEvent-in-0}: {@code clinic.recalls.v1} → invitations planned when a recall opens, withdrawn
 * when it closes (see {@link RecallInvitations}).
 */
@Component("onRecallEvent")
class RecallEventConsumer implements Consumer<Message<byte[]>> {

    private static final Logger log = LoggerFactory.getLogger(RecallEventConsumer.class);

    private final JsonMapper json;
    private final RecallInvitations invitations;
    private final Dispatcher dispatcher;

    RecallEventConsumer(JsonMapper json, RecallInvitations invitations, Dispatcher dispatcher) {
        this.json = json;
        this.invitations = invitations;
        this.dispatcher = dispatcher;
    }

    @Override
    public void accept(Message<byte[]> message) {
        Envelope envelope = InboundEvents.envelope(message);
        switch (envelope.type()) {
            case RecallOpened.TYPE -> {
                Payload recall = payload(envelope, message);
                if (recall.patientId() == null || recall.clinicId() == null) {
                    throw new MalformedEventException("event " + envelope.id() + " lacks patientId or clinicId");
                }
                int planned = invitations.opened(recall.recallId(), recall.patientId(), recall.clinicId(),
                        recall.openedAt() == null ? envelope.time() : recall.openedAt());
                log.info("Recall {} of patient {}: {} invitation(s) planned", recall.recallId(), recall.patientId(),
                        planned);
                dispatcher.wake();
            }
            case RecallClosed.TYPE -> invitations.closed(payload(envelope, message).recallId());
            default -> log.debug("Ignoring event type {} ({})", envelope.type(), envelope.id());
        }
    }

    private Payload payload(Envelope envelope, Message<byte[]> message) {
        Payload event;
        try {
            event = json.readValue(message.getPayload(), Payload.class);
        } catch (JacksonException e) {
            throw new MalformedEventException("event " + envelope.id() + " has no readable JSON payload", e);
        }
        if (event == null || event.recallId() == null || !envelope.subject().equals(event.recallId())) {
            throw new MalformedEventException("event " + envelope.id() + " needs a recallId matching its subject");
        }
        return event;
    }

    /** The fields of the recall events this service reads. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Payload(String recallId, String patientId, String clinicId, Instant openedAt) {
    }
}
