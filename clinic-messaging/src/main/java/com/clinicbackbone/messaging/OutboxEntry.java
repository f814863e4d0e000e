package com.clinicbackbone.messaging;

import com.clinicbackbone.events.Envelope;
import java.time.Instant;

/**
 * One pending event inside an aggregate document's {@code outbox} array. Written in the same
 * single-document update as the change it announces, removed by {@link OutboxRelay} once published.
 *
 * @param payload the event record as JSON
 */
public record OutboxEntry(String eventId, String topic, String type, String source, Instant time, String subject,
                          String clinicId, long revision, String payload) {

    public static OutboxEntry of(String topic, Envelope envelope, String payload) {
        return new OutboxEntry(envelope.id(), topic, envelope.type(), envelope.source(), envelope.time(),
                envelope.subject(), envelope.clinicId(), envelope.revision(), payload);
    }

    public Envelope envelope() {
        return new Envelope(eventId, type, source, time, subject, clinicId, revision);
    }
}
