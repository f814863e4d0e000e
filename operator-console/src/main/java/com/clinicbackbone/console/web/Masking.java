package com.clinicbackbone.console.web;

import com.clinicbackbone.console.deadletter.DeadLetter;
import com.clinicbackbone.console.deadletter.DeadLetter.Header;
import java.util.Locale;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * Hides personal data before anything of a dead letter is shown. In a JSON payload every value is replaced by
 * {@value #MASK} unless its field is an id, type, status or timestamp (e.g. {@code appointmentId}, {@code type},
 * {@code status}, {@code start}, {@code createdAt}, {@code revision}); names, email, phone, birth date, text and
 * body are always hidden. A payload that is not JSON is not shown at all. Header values are shown only for the
 * event envelope ({@code ce_*}), the binder's origin and error headers, content type and trace context.
 */
final class Masking {

    static final String MASK = "***";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> SAFE_FIELDS = Set.of("id", "type", "kind", "status", "state", "revision",
            "version", "start", "end", "time", "timestamp", "channel", "outcome", "code", "topic", "partition",
            "offset", "clinic");
    private static final Set<String> SAFE_HEADERS = Set.of("content-type", DeadLetter.EXCEPTION_MESSAGE,
            DeadLetter.EXCEPTION_FQCN, "traceparent", "tracestate", DeadLetter.REPLAYED_FROM);

    private Masking() {
    }

    /** The payload as indented JSON with personal values masked, or a note saying it is hidden. */
    static String payload(byte[] payload) {
        if (payload == null) {
            return "(no payload: a tombstone)";
        }
        JsonNode tree;
        try {
            tree = JSON.readTree(payload);
        } catch (JacksonException e) {
            return "(" + payload.length + " bytes that are not JSON: hidden)";
        }
        if (tree == null || tree.isMissingNode()) {
            return "(empty payload)";
        }
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(mask(tree, false));
    }

    /** A header's value, or {@value #MASK} for headers that are not known to be free of personal data. */
    static String header(Header header) {
        String name = header.name().toLowerCase(Locale.ROOT);
        boolean safe = name.startsWith("ce_") || name.startsWith("ce-") || name.startsWith("x-original-")
                || SAFE_HEADERS.contains(name);
        return safe ? header.text() : MASK;
    }

    /** True for a field whose value is an identifier, type, status or time, never personal data. */
    static boolean isSafeField(String field) {
        return SAFE_FIELDS.contains(field.toLowerCase(Locale.ROOT)) || field.endsWith("Id") || field.endsWith("Ids")
                || field.endsWith("_id") || field.endsWith("At") || field.endsWith("Time") || field.endsWith("Status")
                || field.endsWith("Type");
    }

    private static JsonNode mask(JsonNode node, boolean safe) {
        if (node.isObject()) {
            ObjectNode masked = JSON.createObjectNode();
            for (var field : node.properties()) {
                masked.set(field.getKey(), mask(field.getValue(), isSafeField(field.getKey())));
            }
            return masked;
        }
        if (node.isArray()) {
            ArrayNode masked = JSON.createArrayNode();
            node.forEach(element -> masked.add(mask(element, safe)));
            return masked;
        }
        if (node.isNull() || safe) {
            return node;
        }
        return StringNode.valueOf(MASK);
    }
}
