package com.clinicbackbone.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class DeadLetterMetricsTest {

    @Test
    void countsDeadLettersByTheirDeadLetterTopicAndKeepsTheOriginalPartition() {
        var registry = new SimpleMeterRegistry();
        var deadLetters = new DeadLetterMetrics(registry, List.of());

        Integer partition = deadLetters.apply("booking-service",
                new ConsumerRecord<>("clinic.patients.v1", 2, 17L, "k", "v"), new MalformedEventException("bad"));

        assertThat(partition).isEqualTo(2);
        assertThat(registry.get("clinic.dead.letters").tag("topic", "clinic.patients.v1.booking-service.dlq")
                .counter().count()).isEqualTo(1);
    }

    @Test
    void registersTheConfiguredDeadLetterTopicsAtZero() {
        var environment = new MockEnvironment()
                .withProperty("spring.cloud.stream.kafka.bindings.onPatientEvent-in-0.consumer.enable-dlq", "true")
                .withProperty("spring.cloud.stream.kafka.bindings.onPatientEvent-in-0.consumer.dlq-name",
                        "clinic.patients.v1.booking-service.dlq")
                .withProperty("spring.cloud.stream.kafka.bindings.noDlq-in-0.consumer.enable-dlq", "false")
                .withProperty("spring.cloud.stream.kafka.bindings.noDlq-in-0.consumer.dlq-name", "never.dlq")
                .withProperty("spring.cloud.stream.kafka.bindings.[clinic.patient-contacts.v1].producer.sync", "true");
        var registry = new SimpleMeterRegistry();

        new DeadLetterMetrics(registry, DeadLetterMetrics.configuredTopics(environment));

        assertThat(registry.find("clinic.dead.letters").counters()).singleElement().satisfies(counter -> {
            assertThat(counter.getId().getTag("topic")).isEqualTo("clinic.patients.v1.booking-service.dlq");
            assertThat(counter.count()).isZero();
        });
    }
}
