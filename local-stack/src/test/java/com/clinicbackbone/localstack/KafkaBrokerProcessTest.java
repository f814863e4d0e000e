package com.clinicbackbone.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starts a real broker JVM from target/lib (copied before the tests run) on free ports in a temp folder. */
class KafkaBrokerProcessTest {

    private static final String CLASSPATH = KafkaBrokerProcess.classpathOf(Path.of("target", "lib"));

    @TempDir
    Path dir;

    private KafkaBrokerProcess broker;

    @AfterEach
    void stopBroker() {
        if (broker != null) {
            broker.stop();
        }
    }

    @Test
    void startsAndCarriesRecordsAndKeepsThemAcrossRestart() throws Exception {
        int port = freePort();
        int controllerPort = freePort();
        long start = System.nanoTime();
        broker = KafkaBrokerProcess.start(dir.resolve("kafka"), port, controllerPort, CLASSPATH, dir.resolve("kafka.log"));
        broker.awaitReady(Duration.ofSeconds(45));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic("clinic.test.v1", 3, (short) 1))).all().get(20, TimeUnit.SECONDS);
            assertThat(admin.listTopics().names().get(10, TimeUnit.SECONDS)).contains("clinic.test.v1");
        }
        try (KafkaProducer<String, String> producer = producer()) {
            producer.send(new ProducerRecord<>("clinic.test.v1", "appt-1", "booked")).get(20, TimeUnit.SECONDS);
        }
        assertThat(consumeOne("first-reader").value()).isEqualTo("booked");

        broker.stop();
        assertThat(broker.isAlive()).isFalse();

        broker = KafkaBrokerProcess.start(dir.resolve("kafka"), port, controllerPort, CLASSPATH, dir.resolve("kafka.log"));
        broker.awaitReady(Duration.ofSeconds(45));
        ConsumerRecord<String, String> again = consumeOne("second-reader");
        assertThat(again.key()).isEqualTo("appt-1");
        assertThat(again.value()).isEqualTo("booked");

        broker.stop();
        assertThat(broker.isAlive()).isFalse();
    }

    private KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
    }

    private ConsumerRecord<String, String> consumeOne(String group) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(Set.of("clinic.test.v1"));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
                if (!records.isEmpty()) {
                    return records.iterator().next();
                }
            }
        }
        throw new AssertionError("no record within 30 s");
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
