package com.clinicbackbone.notification.waitlist.messaging;

import com.clinicbackbone.events.Envelope;
import com.clinicbackbone.events.WaitlistEntryWithdrawn;
import com.clinicbackbone.events.WaitlistOfferAccepted;
import com.clinicbackbone.events.WaitlistOfferDeclined;
import com.clinicbackbone.events.WaitlistOfferExpired;
import com.clinicbackbone.events.WaitlistOfferMade;
import com.clinicbackbone.messaging.InboundEvents;
import com.clinicbackbone.messaging.MalformedEventException;
import com.clinicbackbone.notification.notification.Dispatcher;
import com.clinicbackbone.notification.waitlist.OfferMessages;
import com.clinicbackbone.notification.waitlist.WaitlistOffer;
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
 * Binding {@code onWaitlistEvent-in-0}: {@code clinic.waitlist.v1} → an offer made plans its messages (SMS and email,
 * per the patient's channels and consents) and wakes the dispatcher; an offer taken, declined, expired or withdrawn
 * closes it (what has not gone is cancelled, answers are no longer routed to it).
 */
@Component("onWaitlistEvent")
class WaitlistEventConsumer implements Consumer<Message<byte[]>> {

    private static final Logger log = LoggerFactory.getLogger(WaitlistEventConsumer.class);

    private final JsonMapper json;
    private final OfferMessages offers;
    private final Dispatcher dispatcher;

    WaitlistEventConsumer(JsonMapper json, OfferMessages offers, Dispatcher dispatcher) {
        this.json = json;
        this.offers = offers;
        this.dispatcher = dispatcher;
    }

    @Override
    public void accept(Message<byte[]> message) {
        Envelope envelope = InboundEvents.envelope(message);
        switch (envelope.type()) {
            case WaitlistOfferMade.TYPE -> {
                Payload offer = payload(envelope, message);
                if (offer.start() == null || offer.end() == null || offer.expiresAt() == null
                        || offer.clinicId() == null) {
                    throw new MalformedEventException("event " + envelope.id()
                            + " lacks clinicId, start, end or expiresAt");
                }
                offers.offered(new WaitlistOffer(offer.offerId(), offer.entryId(), offer.patientId(),
                        offer.clinicId(), offer.start(), offer.end(), offer.expiresAt(),
                        offer.offeredAt() == null ? envelope.time() : offer.offeredAt()));
                dispatcher.wake();
            }
            case WaitlistOfferAccepted.TYPE, WaitlistOfferDeclined.TYPE, WaitlistOfferExpired.TYPE,
                 WaitlistEntryWithdrawn.TYPE -> {
                Payload closed = payload(envelope, message);
                if (closed.offerId() != null) { // a withdrawal without an open offer closes none
                    offers.closed(closed.patientId(), closed.offerId());
                    log.debug("Waitlist offer {} closed ({})", closed.offerId(), envelope.type());
                }
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
        if (event == null || event.entryId() == null || !envelope.subject().equals(event.entryId())
                || event.patientId() == null) {
            throw new MalformedEventException("event " + envelope.id()
                    + " needs an entryId matching its subject and a patientId");
        }
        if (WaitlistOfferMade.TYPE.equals(envelope.type()) && event.offerId() == null) {
            throw new MalformedEventException("event " + envelope.id() + " lacks offerId");
        }
        return event;
    }

    /** The fields of the waitlist events this service reads. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Payload(String entryId, String offerId, String clinicId, String patientId, Instant start, Instant end,
                   Instant expiresAt, Instant offeredAt) {
    }
}
