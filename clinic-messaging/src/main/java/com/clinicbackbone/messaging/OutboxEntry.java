package com.clinicbackbone.messaging;

import com.clinicbackbone.events.Envelope;
import java.time.Instant;

/**
 * One pending event inside an aggregate document's {@code outbox} array. Written in the same
 * single-document update as the change it announces, removed by {@link OutboxRelay} once published.
 *
 * @param payload the event record as JSON, or null for a tombstone (erases the key on a compacted topic)
 * @param traceparent the W3C trace context of the span that wrote the entry (null without one): the relay sends the
 *                    event in that trace, so consumers continue it
 */
public record OutboxEntry(String eventId, String topic, String type, String source, Instant time, String subject,
                          String clinicId, long revision, String payload, String traceparent) {

    /** An entry without trace context. */
    public OutboxEntry(String eventId, String topic, String type, String source, Instant time, String subject,
                       String clinicId, long revision, String payload) {
        this(eventId, topic, type, source, time, subject, clinicId, revision, payload, null);
    }

    /** The entry for the event, in the trace of the current span (see {@link TraceContext}). */
    public static OutboxEntry of(String topic, Envelope envelope, String payload) {
        return new OutboxEntry(envelope.id(), topic, envelope.type(), envelope.source(), envelope.time(),
                envelope.subject(), envelope.clinicId(), envelope.revision(), payload,
                TraceContext.currentTraceparent());
    }

    /** A tombstone for {@code envelope.subject()} on a compacted topic. */
    public static OutboxEntry tombstone(String topic, Envelope envelope) {
        return of(topic, envelope, null);
    }

    public boolean isTombstone() {
        return payload == null;
    }

    public Envelope envelope() {
        return new Envelope(eventId, type, source, time, subject, clinicId, revision);
    }
}
