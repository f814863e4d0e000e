package com.clinicbackbone.system;

import com.mongodb.client.MongoClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.bson.Document;

/** Looks for personal values where they must not be: databases, Kafka topics, service logs. */
final class PersonalDataScan {

    private PersonalDataScan() {
    }

    /** Every document of every collection of the given databases, as JSON. */
    static List<String> inMongo(MongoClient mongo, List<String> databases, Collection<String> values) {
        List<String> findings = new ArrayList<>();
        for (String database : databases) {
            for (String collection : mongo.getDatabase(database).listCollectionNames()) {
                for (Document document : mongo.getDatabase(database).getCollection(collection).find()) {
                    String json = document.toJson();
                    values.stream().filter(json::contains).forEach(value -> findings.add(
                            database + "." + collection + " " + document.get("_id") + " holds " + value));
                }
            }
        }
        return findings;
    }

    /** Keys, values and headers of every record of every topic except those starting with an excluded prefix. */
    static List<String> inKafka(String bootstrap, String excludedPrefix, Collection<String> values) {
        List<String> topics;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            topics = admin.listTopics().names().get().stream().filter(t -> !t.startsWith(excludedPrefix)).toList();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        List<String> findings = new ArrayList<>();
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "phi-scan-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (var consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(topics);
            int emptyPolls = 0;
            while (emptyPolls < 4) {
                var records = consumer.poll(Duration.ofMillis(500));
                emptyPolls = records.isEmpty() ? emptyPolls + 1 : 0;
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    String text = text(record.key()) + " " + text(record.value()) + " " + headers(record);
                    values.stream().filter(text::contains).forEach(value ->
                            findings.add(record.topic() + "@" + record.offset() + " holds " + value));
                }
            }
        }
        return findings;
    }

    /** Every line of every file in the folder. */
    static List<String> inLogs(Path folder, Collection<String> values) {
        List<String> findings = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.toList()) {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i);
                    int number = i + 1;
                    values.stream().filter(line::contains)
                            .forEach(value -> findings.add(file.getFileName() + ":" + number + " holds " + value));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return findings;
    }

    private static String headers(ConsumerRecord<byte[], byte[]> record) {
        StringBuilder text = new StringBuilder();
        for (Header header : record.headers()) {
            text.append(header.key()).append('=').append(text(header.value())).append(' ');
        }
        return text.toString();
    }

    private static String text(byte[] bytes) {
        return bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
    }
}
