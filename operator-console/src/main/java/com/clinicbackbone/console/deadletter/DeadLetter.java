package com.clinicbackbone.console.deadletter;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A message a consumer gave up on, as read from a dead-letter topic: where it lies ({@code topic/partition/offset},
 * also its id), where it came from, its key, headers and payload, the error, and what an operator did with it.
 * Only a NEW dead letter may be replayed or discarded; each of those is recorded with who and when.
 */
public record DeadLetter(String id, String topic, int partition, long offset, String originalTopic, byte[] key,
                         List<Header> headers, byte[] payload, String errorType, String errorMessage,
                         Instant receivedAt, State state, String handledBy, Instant handledAt) {

    public static final String ORIGINAL_TOPIC = "x-original-topic";
    public static final String EXCEPTION_MESSAGE = "x-exception-message";
    public static final String EXCEPTION_FQCN = "x-exception-fqcn";
    /** Not kept: a stack trace may quote anything. */
    public static final String EXCEPTION_STACKTRACE = "x-exception-stacktrace";
    /** The header a replayed event carries: the id of the dead letter it came from. */
    public static final String REPLAYED_FROM = "x-replayed-dead-letter";

    public enum State { NEW, REPLAYED, DISCARDED }

    /** One Kafka header, its value as sent. */
    public record Header(String name, byte[] value) {

        /** The value for people: numbers the binder writes as binary (partition, offset) as numbers, else text. */
        public String text() {
            if (value == null) {
                return "";
            }
            if (name.equals("x-original-partition") && value.length == Integer.BYTES) {
                return Integer.toString(ByteBuffer.wrap(value).getInt());
            }
            if ((name.equals("x-original-offset") || name.equals("x-original-timestamp")) && value.length == Long.BYTES) {
                return Long.toString(ByteBuffer.wrap(value).getLong());
            }
            return new String(value, StandardCharsets.UTF_8);
        }
    }

    public DeadLetter {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
        headers = List.copyOf(headers);
    }

    public static String idOf(String topic, int partition, long offset) {
        return topic + "/" + partition + "/" + offset;
    }

    /** A dead letter just read: the original topic and the error come from the binder's headers. */
    public static DeadLetter received(String topic, int partition, long offset, byte[] key, List<Header> headers,
                                      byte[] payload, Instant receivedAt) {
        List<Header> kept = headers.stream().filter(header -> !header.name().equals(EXCEPTION_STACKTRACE)).toList();
        return new DeadLetter(idOf(topic, partition, offset), topic, partition, offset, text(kept, ORIGINAL_TOPIC), key,
                kept, payload, text(kept, EXCEPTION_FQCN), text(kept, EXCEPTION_MESSAGE), receivedAt, State.NEW, null,
                null);
    }

    /** Marks it replayed; refused unless it is NEW, or when nobody knows where it came from. */
    public DeadLetter replayed(String by, Instant at) {
        requireNew("replayed");
        if (originalTopic == null || originalTopic.isBlank()) {
            throw new DeadLetterActionException(id, "Dead letter " + id + " does not say which topic it came from ("
                    + ORIGINAL_TOPIC + " is missing); it cannot be replayed, only discarded.");
        }
        return handled(State.REPLAYED, by, at);
    }

    /** Marks it discarded; refused unless it is NEW. */
    public DeadLetter discarded(String by, Instant at) {
        requireNew("discarded");
        return handled(State.DISCARDED, by, at);
    }

    /** The headers a replay sends along: the event envelope (CloudEvents {@code ce_*}) and the content type. */
    public List<Header> eventHeaders() {
        return headers.stream().filter(header -> header.name().startsWith("ce_") || header.name().startsWith("ce-")
                || header.name().equalsIgnoreCase("content-type")).toList();
    }

    void requireNew(String action) {
        if (state != State.NEW) {
            throw new DeadLetterActionException(id, "Dead letter " + id + " was already " + state.name().toLowerCase()
                    + " by " + handledBy + " at " + handledAt + "; it cannot be " + action + " again.");
        }
    }

    private DeadLetter handled(State newState, String by, Instant at) {
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(at, "at");
        return new DeadLetter(id, topic, partition, offset, originalTopic, key, headers, payload, errorType,
                errorMessage, receivedAt, newState, by, at);
    }

    private static String text(List<Header> headers, String name) {
        return headers.stream().filter(header -> header.name().equals(name)).map(Header::text).findFirst()
                .orElse(null);
    }
}
