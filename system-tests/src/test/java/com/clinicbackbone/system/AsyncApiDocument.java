package com.clinicbackbone.system;

import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * {@code docs/api/events.asyncapi.yaml}: the AsyncAPI 3.0 document of every topic and event type, made from the
 * code: the payload schemas generated from the clinic-events records (victools jsonschema-generator, JSON Schema
 * draft-07 as AsyncAPI's own schema format takes it), topics, publishers and consumers from {@link EventCatalog}.
 * A record component of a primitive type is always there (required); any other may be {@code null}.
 */
final class AsyncApiDocument {

    static final String FILE = "docs/api/events.asyncapi.yaml";
    static final String HEADERS = "EventHeaders";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(YAMLWriteFeature.MINIMIZE_QUOTES, YAMLWriteFeature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER, YAMLWriteFeature.SPLIT_LINES)
            .build();

    private AsyncApiDocument() {
    }

    /** The document as committed: keys sorted, YAML. */
    static String yaml(Path root) {
        return canonical(tree(root));
    }

    static String canonical(JsonNode document) {
        return YAML.writeValueAsString(JsonMapper.shared().treeToValue(document, Object.class));
    }

    static JsonNode read(String yaml) {
        return YAML.readTree(yaml);
    }

    static ObjectNode tree(Path root) {
        EventCatalog catalog = new EventCatalog(root);
        ObjectNode document = NODES.objectNode();
        document.put("asyncapi", "3.0.0");
        document.putObject("info").put("title", "Clinic Backbone events").put("version", "1")
                .put("description", """
                        Every Kafka topic of the backbone and every event type on it. Each record's key is the id of \
                        the aggregate the event is about, so one aggregate's events stay in order; its headers are \
                        the CloudEvents 1.0 attributes in the Kafka binding's binary mode (`ce_id` is the \
                        de-duplication key, `ce_type` the stable event type, `ce_revision` grows with every change of \
                        the aggregate); its value is the event as JSON. Events carry ids and the facts consumers need, \
                        never contact details except on clinic.patient-contacts.v1.

                        Changes are additive: a new field is optional (readers ignore fields they do not know); a \
                        removed or renamed field, a changed type or a new required field is a new type `.v2` on a new \
                        topic version. `docs/api/released/` keeps the last released version of this document; \
                        EventContractTest fails on a change that would break one of its readers.""");
        document.put("defaultContentType", "application/json");
        document.putObject("servers").putObject("local").put("host", "127.0.0.1:9092").put("protocol", "kafka")
                .put("description", "The local stack's broker (./run-local.sh); compose: localhost:9094.");
        ObjectNode channels = document.putObject("channels");
        ObjectNode operations = document.putObject("operations");
        ObjectNode components = document.putObject("components");
        ObjectNode messages = components.putObject("messages");
        ObjectNode schemas = components.putObject("schemas");
        schemas.set(HEADERS, headers());
        SchemaGenerator generator = generator();
        catalog.topics().values().forEach(topic -> {
            ObjectNode channel = channels.putObject(topic.name());
            channel.put("address", topic.name()).put("description", topic.description() + " Key: " + topic.key()
                    + ". Published by " + topic.publisher() + ".");
            ObjectNode channelMessages = channel.putObject("messages");
            List<EventCatalog.Event> onTopic = catalog.events().stream()
                    .filter(event -> event.topic().equals(topic)).toList();
            onTopic.forEach(event -> channelMessages.putObject(event.record().getSimpleName())
                    .put("$ref", "#/components/messages/" + event.record().getSimpleName()));
            operation(operations, topic.publisher() + ".sends." + topic.name(), "send", topic, onTopic,
                    topic.publisher() + " publishes through the outbox of the changed document (at least once).");
            topic.consumers().forEach(consumer -> operation(operations, consumer.service() + "."
                    + (consumer.group().isEmpty() ? "every-instance" : consumer.group()) + ".receives."
                    + topic.name(), "receive", topic, onTopic, describe(consumer)));
        });
        for (EventCatalog.Event event : catalog.events()) {
            String name = event.record().getSimpleName();
            ObjectNode payload = generator.generateSchema(event.record());
            payload.put("title", name);
            schemas.set(name, payload);
            ObjectNode message = messages.putObject(name);
            message.put("name", name).put("title", event.type()).put("contentType", "application/json")
                    .put("summary", "CloudEvents type " + event.type() + " on " + event.topic().name() + ".");
            ObjectNode typeHeader = NODES.objectNode().put("type", "object");
            typeHeader.putObject("properties").putObject("ce_type").put("const", event.type());
            ArrayNode allOf = message.putObject("headers").putArray("allOf");
            allOf.addObject().put("$ref", "#/components/schemas/" + HEADERS);
            allOf.add(typeHeader);
            message.putObject("payload").put("$ref", "#/components/schemas/" + name);
            ObjectNode kafka = message.putObject("bindings").putObject("kafka");
            kafka.putObject("key").put("type", "string").put("description", event.topic().key());
            kafka.put("bindingVersion", "0.5.0");
        }
        return document;
    }

    private static String describe(EventCatalog.Consumer consumer) {
        return consumer.service() + (consumer.group().isEmpty()
                ? " reads on every instance (no group), to tell the pages open there; acts on the types it knows."
                : ", consumer group " + consumer.group() + ", reads every event of the topic and acts on the types "
                + "it knows, idempotently" + (consumer.deadLetterTopic().isEmpty() ? "."
                : "; after its retries a record goes to " + consumer.deadLetterTopic() + "."));
    }

    private static void operation(ObjectNode operations, String id, String action, EventCatalog.Topic topic,
                                  List<EventCatalog.Event> events, String description) {
        ObjectNode operation = operations.putObject(id);
        operation.put("action", action).put("description", description);
        operation.putObject("channel").put("$ref", "#/channels/" + topic.name());
        ArrayNode messages = operation.putArray("messages");
        events.forEach(event -> messages.addObject().put("$ref", "#/channels/" + topic.name() + "/messages/"
                + event.record().getSimpleName()));
    }

    private static ObjectNode headers() {
        ObjectNode headers = NODES.objectNode().put("type", "object").put("description", """
                The CloudEvents attributes of the envelope (binary mode, `ce_` prefix) and the W3C trace context.""");
        ObjectNode properties = headers.putObject("properties");
        Map.of("ce_specversion", "Always 1.0.",
                "ce_id", "The event's UUID: consumers de-duplicate by it.",
                "ce_type", "The stable event type, e.g. clinic.appointment.booked.v1.",
                "ce_source", "The service that produced it, e.g. /booking-service.",
                "ce_time", "When the change happened (ISO-8601 instant).",
                "ce_subject", "The aggregate id; also the record key.",
                "ce_clinicid", "The clinic the event belongs to (absent for clinic-less facts).",
                "ce_revision", "The aggregate's revision, growing with every change of it (digits).",
                "content-type", "application/json.",
                "traceparent", "W3C trace context of the change that caused it, when traced.")
                .forEach((name, description) -> properties.putObject(name).put("type", "string")
                        .put("description", description));
        ((ObjectNode) properties.get("ce_specversion")).put("const", "1.0");
        ((ObjectNode) properties.get("ce_time")).put("format", "date-time");
        ((ObjectNode) properties.get("ce_revision")).put("pattern", "^[0-9]+$");
        headers.putArray("required").add("ce_specversion").add("ce_id").add("ce_type").add("ce_source")
                .add("ce_time").add("ce_subject").add("ce_revision");
        return headers;
    }

    private static SchemaGenerator generator() {
        SchemaGeneratorConfigBuilder config = new SchemaGeneratorConfigBuilder(SchemaVersion.DRAFT_7,
                OptionPreset.PLAIN_JSON)
                .without(Option.SCHEMA_VERSION_INDICATOR)
                .with(Option.NULLABLE_FIELDS_BY_DEFAULT);
        config.forFields().withRequiredCheck(field -> field.getType().getErasedType().isPrimitive());
        config.forFields().withNullableCheck(field -> !field.getType().getErasedType().isPrimitive());
        return new SchemaGenerator(config.build());
    }
}
