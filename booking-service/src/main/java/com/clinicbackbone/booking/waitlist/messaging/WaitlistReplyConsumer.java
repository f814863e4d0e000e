package com.clinicbackbone.booking.waitlist.messaging;

import com.clinicbackbone.booking.waitlist.WaitlistService;
import com.clinicbackbone.events.Envelope;
import com.clinicbackbone.events.WaitlistOfferReplyReceived;
import com.clinicbackbone.events.WaitlistOfferUndeliverable;
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
 * Binding {@code onWaitlistReply-in-0}: {@code clinic.notifications.v1} (group {@code booking-service-waitlist}) →
 * the patient's answer to an offer ({@link WaitlistOfferReplyReceived}: ACCEPT books the held time, DECLINE releases
 * it) and offers that reached the patient on no channel ({@link WaitlistOfferUndeliverable}: released). Other types
 * are ignored; an answer to an offer no longer open changes nothing (so a redelivery does not either).
 */
@Component("onWaitlistReply")
class WaitlistReplyConsumer implements Consumer<Message<byte[]>> {

    private static final Logger log = LoggerFactory.getLogger(WaitlistReplyConsumer.class);

    private final JsonMapper json;
    private final WaitlistService waitlist;

    WaitlistReplyConsumer(JsonMapper json, WaitlistService waitlist) {
        this.json = json;
        this.waitlist = waitlist;
    }

    @Override
    public void accept(Message<byte[]> message) {
        Envelope envelope = InboundEvents.envelope(message);
        switch (envelope.type()) {
            case WaitlistOfferReplyReceived.TYPE -> {
                Payload reply = payload(envelope, message);
                boolean yes = WaitlistOfferReplyReceived.ACCEPT.equals(reply.action());
                if (!yes && !WaitlistOfferReplyReceived.DECLINE.equals(reply.action())) {
                    throw new MalformedEventException("event " + envelope.id() + " needs the action ACCEPT or DECLINE");
                }
                var outcome = waitlist.answer(reply.entryId(), reply.offerId(), reply.patientId(), yes);
                log.info("Answer {} of patient {} to waitlist offer {}: {}", reply.action(), reply.patientId(),
                        reply.offerId(), outcome);
            }
            case WaitlistOfferUndeliverable.TYPE -> {
                Payload undeliverable = payload(envelope, message);
                var outcome = waitlist.undeliverable(undeliverable.entryId(), undeliverable.offerId());
                log.info("Waitlist offer {} reached patient {} on no channel: {}", undeliverable.offerId(),
                        undeliverable.patientId(), outcome);
            }
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
        if (event == null || blank(event.offerId()) || blank(event.entryId()) || blank(event.patientId())
                || !envelope.subject().equals(event.patientId())) {
            throw new MalformedEventException("event " + envelope.id()
                    + " needs an offerId, an entryId and a patientId matching its subject");
        }
        return event;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /** The fields of WaitlistOfferReplyReceived and WaitlistOfferUndeliverable this consumer reads. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Payload(String offerId, String entryId, String patientId, String action) {
    }
}
