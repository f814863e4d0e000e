package com.clinicbackbone.patient.observability;

import com.clinicbackbone.messaging.OutboxMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The service's own metrics: the outbox backlog of the patients collection. */
@Configuration(proxyBeanMethods = false)
class ObservabilityConfiguration {

    @Bean
    OutboxMetrics outboxMetrics(MongoTemplate mongo, Clock clock) {
        return new OutboxMetrics(mongo, List.of("patients"), clock, Duration.ofSeconds(5));
    }
}
