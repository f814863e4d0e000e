package com.clinicbackbone.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.cloud.stream.binder.kafka.utils.DlqPartitionFunction;
import org.springframework.core.env.Environment;

/**
 * Counts the records this service sends to a dead-letter topic ({@code clinic.dead.letters}, tag {@code topic} = the
 * dead-letter topic {@code <topic>.<group>.dlq}, the name every consumer binding of the backbone configures). The
 * Kafka binder asks this function for the partition of every record it dead-letters; it keeps the binder's default
 * (the record's original partition). The configured dead-letter topics are registered at zero, so that an alert on
 * {@code increase(...)} sees the first dead letter too.
 */
public class DeadLetterMetrics implements DlqPartitionFunction {

    private final MeterRegistry registry;

    public DeadLetterMetrics(MeterRegistry registry, Collection<String> configuredTopics) {
        this.registry = registry;
        configuredTopics.forEach(this::counter);
    }

    /** The dead-letter topics of the consumer bindings that have one ({@code enable-dlq} with a {@code dlq-name}). */
    public static List<String> configuredTopics(Environment environment) {
        return Binder.get(environment).bind("spring.cloud.stream.kafka.bindings",
                        Bindable.mapOf(String.class, KafkaBinding.class)).orElse(Map.of()).values().stream()
                .map(KafkaBinding::consumer)
                .filter(consumer -> consumer != null && consumer.enableDlq() && consumer.dlqName() != null)
                .map(DlqConsumer::dlqName).distinct().sorted().toList();
    }

    record KafkaBinding(DlqConsumer consumer) {
    }

    record DlqConsumer(boolean enableDlq, String dlqName) {
    }

    /** The dead-letter topic of a record of {@code topic} consumed by {@code group}. */
    public static String deadLetterTopic(String topic, String group) {
        return topic + "." + group + ".dlq";
    }

    @Override
    public Integer apply(String group, ConsumerRecord<?, ?> record, Throwable throwable) {
        counter(deadLetterTopic(record.topic(), group)).increment();
        return record.partition();
    }

    private Counter counter(String topic) {
        return Counter.builder("clinic.dead.letters")
                .description("Records this service sent to a dead-letter topic")
                .tag("topic", topic)
                .register(registry);
    }
}
