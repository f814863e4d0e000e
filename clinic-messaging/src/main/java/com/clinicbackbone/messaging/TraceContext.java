package com.clinicbackbone.messaging;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The W3C trace context ({@code traceparent}) of the current span, kept with an outbox entry when it is written and
 * made current again when the relay publishes it, so the event continues the trace of the request that caused it.
 * Micrometer Tracing's OpenTelemetry bridge keeps the current span in OpenTelemetry's {@link Context}; without
 * tracing there is no valid span and nothing is kept.
 */
public final class TraceContext {

    /** The Kafka header (and HTTP header) name of the W3C trace context. */
    public static final String TRACEPARENT = "traceparent";

    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();

    private static final TextMapGetter<String> SINGLE = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String carrier) {
            return List.of(TRACEPARENT);
        }

        @Override
        public String get(String carrier, String key) {
            return TRACEPARENT.equals(key) ? carrier : null;
        }
    };

    private TraceContext() {
    }

    /** The {@code traceparent} of the current span, or null when there is none. */
    public static String currentTraceparent() {
        Map<String, String> carrier = new HashMap<>();
        W3C.inject(Context.current(), carrier, Map::put);
        return carrier.get(TRACEPARENT);
    }

    /**
     * Makes the span of the {@code traceparent} the current parent until the scope closes; a null or malformed
     * value leaves the current context as it is.
     */
    public static Scope resume(String traceparent) {
        if (traceparent == null || traceparent.isBlank()) {
            return Scope.noop();
        }
        return W3C.extract(Context.root(), traceparent, SINGLE).makeCurrent();
    }
}
