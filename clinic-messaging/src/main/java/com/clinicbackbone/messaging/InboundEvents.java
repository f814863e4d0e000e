package com.clinicbackbone.messaging;

import com.clinicbackbone.events.Envelope;
import java.nio.charset.StandardCharsets;
import org.springframework.messaging.Message;

/** Reads the envelope of a consumed event from its Kafka headers. */
public final class InboundEvents {

    private InboundEvents() {
    }

    /**
     * The header as text, whether the binder delivered it as a String or as raw bytes; null when absent.
     * Spring Cloud Function renames the Kafka binding's {@code ce_} headers to the canonical {@code ce-}
     * form on the way in, so both spellings are read.
     */
    public static String header(Message<?> message, String name) {
        Object value = message.getHeaders().get(name);
        if (value == null && name.startsWith("ce_")) {
            value = message.getHeaders().get("ce-" + name.substring(3));
        }
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return value == null ? null : value.toString();
    }

    /** The envelope; fails with {@link MalformedEventException} when a required attribute is missing. */
    public static Envelope envelope(Message<?> message) {
        try {
            return Envelope.fromHeaders(name -> header(message, name));
        } catch (RuntimeException e) {
            throw new MalformedEventException("event without a valid envelope: " + e.getMessage(), e);
        }
    }
}
