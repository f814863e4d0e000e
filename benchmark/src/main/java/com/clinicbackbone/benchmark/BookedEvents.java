package com.clinicbackbone.benchmark;

import com.clinicbackbone.events.AppointmentBooked;
import com.clinicbackbone.events.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Watches {@code clinic.appointments.v1} from its current end and notes when each AppointmentBooked arrives. */
final class BookedEvents implements AutoCloseable {

    private final Map<String, Long> seenAt = new ConcurrentHashMap<>();
    private final CountDownLatch positioned = new CountDownLatch(1);
    private final Thread poller;
    private volatile boolean running = true;

    BookedEvents(String kafkaBootstrap) throws InterruptedException {
        poller = new Thread(() -> poll(kafkaBootstrap), "booked-events");
        poller.setDaemon(true);
        poller.start();
        if (!positioned.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("could not read " + Topics.APPOINTMENTS);
        }
    }

    private void poll(String kafkaBootstrap) {
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.APPOINTMENTS, Duration.ofSeconds(30))
                    .stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            positioned.countDown();
            while (running) {
                consumer.poll(Duration.ofMillis(100)).forEach(record -> {
                    Header type = record.headers().lastHeader("ce_type");
                    if (type != null && AppointmentBooked.TYPE.equals(new String(type.value(), StandardCharsets.UTF_8))) {
                        seenAt.putIfAbsent(record.key(), System.nanoTime());
                    }
                });
            }
        }
    }

    /** Waits until the events of every appointment id have been seen; returns the latest arrival (nanoTime). */
    long awaitAll(Collection<String> appointmentIds, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!seenAt.keySet().containsAll(appointmentIds)) {
            if (System.nanoTime() > deadline) {
                long missing = appointmentIds.stream().filter(id -> !seenAt.containsKey(id)).count();
                throw new IllegalStateException(missing + " AppointmentBooked events not seen within " + timeout);
            }
            Thread.sleep(5);
        }
        return appointmentIds.stream().mapToLong(seenAt::get).max().orElse(System.nanoTime());
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        poller.join(5000);
    }
}
