package com.clinicbackbone.system;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * Whether the current event contract breaks a reader of a released one: on a topic version that stays, an event
 * type of the released version is gone or moved, or a field of it was removed or renamed, changed its type (or
 * format), or became required. New fields that are optional, new event types and new topics break nobody.
 */
final class EventCompatibility {

    private EventCompatibility() {
    }

    /** What breaks a reader of {@code released}; empty when {@code current} is compatible. */
    static List<String> breaks(JsonNode released, JsonNode current) {
        List<String> breaks = new ArrayList<>();
        Map<String, JsonNode> before = messagesByType(released);
        Map<String, JsonNode> after = messagesByType(current);
        Map<String, String> topicBefore = topicsByType(released);
        Map<String, String> topicAfter = topicsByType(current);
        before.forEach((type, message) -> {
            if (!after.containsKey(type)) {
                breaks.add(type + " on " + topicBefore.get(type) + " is gone");
                return;
            }
            if (!topicBefore.get(type).equals(topicAfter.get(type))) {
                breaks.add(type + " moved from " + topicBefore.get(type) + " to " + topicAfter.get(type));
            }
            compare(type, "", payload(released, message), payload(current, after.get(type)), breaks);
        });
        return breaks;
    }

    private static void compare(String type, String path, JsonNode before, JsonNode after, List<String> breaks) {
        String where = type + (path.isEmpty() ? "" : " field " + path);
        if (!types(before).equals(types(after))) {
            breaks.add(where + " changed its type from " + types(before) + " to " + types(after));
        }
        if (!before.path("format").asString("").equals(after.path("format").asString(""))) {
            breaks.add(where + " changed its format from '" + before.path("format").asString("") + "' to '"
                    + after.path("format").asString("") + "'");
        }
        Set<String> requiredBefore = strings(before.path("required"));
        for (String field : strings(after.path("required"))) {
            if (!requiredBefore.contains(field)) {
                breaks.add(type + " field " + join(path, field) + " is newly required");
            }
        }
        before.path("properties").properties().forEach(property -> {
            JsonNode now = after.path("properties").path(property.getKey());
            if (now.isMissingNode()) {
                breaks.add(type + " field " + join(path, property.getKey()) + " was removed or renamed");
            } else {
                compare(type, join(path, property.getKey()), property.getValue(), now, breaks);
            }
        });
        if (before.has("items")) {
            compare(type, path + "[]", before.path("items"), after.path("items"), breaks);
        }
    }

    private static Map<String, JsonNode> messagesByType(JsonNode document) {
        Map<String, JsonNode> messages = new TreeMap<>();
        document.path("components").path("messages").forEach(message -> messages.put(
                message.path("title").asString(), message));
        return messages;
    }

    private static Map<String, String> topicsByType(JsonNode document) {
        Map<String, String> topics = new TreeMap<>();
        document.path("channels").forEach(channel -> channel.path("messages").forEach(reference -> {
            String name = reference.path("$ref").asString().replace("#/components/messages/", "");
            topics.put(document.path("components").path("messages").path(name).path("title").asString(),
                    channel.path("address").asString());
        }));
        return topics;
    }

    private static JsonNode payload(JsonNode document, JsonNode message) {
        JsonNode payload = message.path("payload");
        String reference = payload.path("$ref").asString("");
        return reference.isEmpty() ? payload : document.path("components").path("schemas")
                .path(reference.replace("#/components/schemas/", ""));
    }

    private static Set<String> types(JsonNode schema) {
        JsonNode type = schema.path("type");
        Set<String> types = new TreeSet<>();
        if (type.isArray()) {
            type.forEach(item -> types.add(item.asString()));
        } else if (!type.isMissingNode()) {
            types.add(type.asString());
        }
        return types;
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> strings = new TreeSet<>();
        array.forEach(item -> strings.add(item.asString()));
        return strings;
    }

    private static String join(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }
}
