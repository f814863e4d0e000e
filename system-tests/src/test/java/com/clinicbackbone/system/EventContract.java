package com.clinicbackbone.system;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The committed {@code docs/api/events.asyncapi.yaml} as a check of a Kafka record: its {@code ce_type} must be a
 * documented event of the topic it is on, its headers those of the envelope, its value the event's payload schema
 * (JSON Schema draft-07) with no undocumented field.
 */
final class EventContract {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDialect(Dialects.getDraft7());

    private final Map<String, String> topicOfType = new HashMap<>();
    private final Map<String, Schema> payloadOfType = new HashMap<>();
    private final Schema headers;

    EventContract(Path document) {
        JsonNode asyncApi;
        try {
            asyncApi = AsyncApiDocument.read(Files.readString(document));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JsonNode schemas = asyncApi.path("components").path("schemas");
        asyncApi.path("channels").forEach(channel -> channel.path("messages").forEach(reference -> {
            JsonNode message = asyncApi.path("components").path("messages")
                    .path(reference.path("$ref").asString().replace("#/components/messages/", ""));
            String type = message.path("title").asString();
            topicOfType.put(type, channel.path("address").asString());
            JsonNode payload = schemas.path(message.path("payload").path("$ref").asString()
                    .replace("#/components/schemas/", ""));
            payloadOfType.put(type, SCHEMAS.getSchema(strict(payload.deepCopy())));
        }));
        headers = SCHEMAS.getSchema(schemas.path(AsyncApiDocument.HEADERS));
    }

    /** Every record on the documented topics, from the beginning: how many were read and what broke the contract. */
    record Check(int records, List<String> violations) {
    }

    Check everyRecordOn(String bootstrap) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "event-contract-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> violations = new ArrayList<>();
        int records = 0;
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(new TreeSet<>(topicOfType.values()));
            int emptyPolls = 0;
            while (emptyPolls < 4) {
                var polled = consumer.poll(Duration.ofMillis(500));
                emptyPolls = polled.isEmpty() ? emptyPolls + 1 : 0;
                for (ConsumerRecord<String, String> record : polled) {
                    records++;
                    Map<String, String> headers = new TreeMap<>();
                    record.headers().forEach(header -> headers.put(header.key(),
                            new String(header.value(), StandardCharsets.UTF_8)));
                    violations.addAll(violations(record.topic(), headers, record.value()).stream()
                            .map(violation -> record.topic() + "@" + record.offset() + ": " + violation).toList());
                }
            }
        }
        return new Check(records, violations);
    }

    /** What the record does that the document does not say; empty when it keeps the contract. */
    List<String> violations(String topic, Map<String, String> recordHeaders, String value) {
        List<String> violations = new ArrayList<>();
        String type = recordHeaders.get("ce_type");
        if (!topicOfType.containsKey(type)) {
            return List.of("event type " + type + " is not documented");
        }
        if (!topicOfType.get(type).equals(topic)) {
            violations.add(type + " is documented on " + topicOfType.get(type) + ", not on " + topic);
        }
        ObjectNode headerNode = JsonNodeFactory.instance.objectNode();
        recordHeaders.forEach(headerNode::put);
        for (Error error : headers.validate(headerNode)) {
            violations.add(type + " headers: " + error.getInstanceLocation() + " " + error.getKeyword() + " "
                    + error.getProperty());
        }
        if (value == null) {
            if (!topic.equals(com.clinicbackbone.events.Topics.PATIENT_CONTACTS)) {
                violations.add(type + ": a tombstone on a topic that is not compacted");
            }
            return violations;
        }
        for (Error error : payloadOfType.get(type).validate(JSON.readTree(value))) {
            violations.add(type + " payload: " + error.getInstanceLocation() + " " + error.getKeyword() + " "
                    + (error.getProperty() == null ? java.util.Arrays.toString(error.getArguments())
                    : error.getProperty()));
        }
        return violations;
    }

    /** Objects admit only the properties they list. */
    private static JsonNode strict(JsonNode node) {
        if (node instanceof ObjectNode object) {
            if (object.has("properties") && !object.has("additionalProperties")) {
                object.put("additionalProperties", false);
            }
            object.forEach(EventContract::strict);
        } else if (node.isArray()) {
            node.forEach(EventContract::strict);
        }
        return node;
    }
}
