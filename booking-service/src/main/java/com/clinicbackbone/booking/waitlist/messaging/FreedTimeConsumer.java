package com.clinicbackbone.booking.waitlist.messaging;

import com.clinicbackbone.booking.waitlist.FreedTime;
import com.clinicbackbone.booking.waitlist.WaitlistService;
import com.clinicbackbone.events.AppointmentCancelled;
import com.clinicbackbone.events.AppointmentNoShow;
import com.clinicbackbone.events.AppointmentRescheduled;
import com.clinicbackbone.events.Envelope;
import com.clinicbackbone.messaging.InboundEvents;
import com.clinicbackbone.messaging.MalformedEventException;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Binding {@code onFreedTime-in-0}: booking-service's own {@code clinic.appointments.v1} (group
 * {@code booking-service-waitlist}) → time that became free, offered to the waitlist: a cancellation frees the
 * appointment's time, a no-show what is left of it, a move its old time. Reading the published events (rather than
 * acting inside the request) means a cancellation whose instance stops right after it still reaches the waitlist.
 * A redelivered event finds the time held or booked already and changes nothing.
 */
@Component("onFreedTime")
class FreedTimeConsumer implements Consumer<Message<byte[]>> {

    private static final Logger log = LoggerFactory.getLogger(FreedTimeConsumer.class);

    private final JsonMapper json;
    private final WaitlistService waitlist;

    FreedTimeConsumer(JsonMapper json, WaitlistService waitlist) {
        this.json = json;
        this.waitlist = waitlist;
    }

    @Override
    public void accept(Message<byte[]> message) {
        Envelope envelope = InboundEvents.envelope(message);
        FreedTime freed = switch (envelope.type()) {
            case AppointmentCancelled.TYPE, AppointmentNoShow.TYPE -> {
                Freed event = payload(envelope, message);
                yield new FreedTime(event.clinicId(), event.practitionerId(), event.start(), event.end(),
                        envelope.time());
            }
            case AppointmentRescheduled.TYPE -> {
                Freed event = payload(envelope, message);
                if (event.previousStart() == null) {
                    throw new MalformedEventException("event " + envelope.id() + " lacks previousStart");
                }
                yield new FreedTime(event.clinicId(), event.practitionerId(), event.previousStart(),
                        event.previousStart().plus(Duration.between(event.start(), event.end())), envelope.time());
            }
            default -> null;
        };
        if (freed != null) { // time already past is left out by the waitlist
            waitlist.offer(freed).ifPresent(entry -> log.info("Time freed by {} ({}) offered to waitlist entry {}",
                    envelope.subject(), envelope.type(), entry.id()));
        }
    }

    private Freed payload(Envelope envelope, Message<byte[]> message) {
        Freed event;
        try {
            event = json.readValue(message.getPayload(), Freed.class);
        } catch (JacksonException e) {
            throw new MalformedEventException("event " + envelope.id() + " has no readable JSON payload", e);
        }
        if (event == null || event.clinicId() == null || event.practitionerId() == null || event.start() == null
                || event.end() == null) {
            throw new MalformedEventException("event " + envelope.id()
                    + " lacks clinicId, practitionerId, start or end");
        }
        return event;
    }

    /** The fields of the appointment events this consumer reads. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Freed(String clinicId, String practitionerId, Instant start, Instant end, Instant previousStart) {
    }
}
