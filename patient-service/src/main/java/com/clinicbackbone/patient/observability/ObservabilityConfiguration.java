package com.clinicbackbone.patient.observability;

import com.clinicbackbone.messaging.OutboxMetrics;
import com.clinicbackbone.messaging.OutboxRelay;
import java.time.Clock;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The service's own metrics: the outbox backlog of the patients collection, as the relay knows it (in memory). */
@Configuration(proxyBeanMethods = false)
class ObservabilityConfiguration {

    @Bean
    OutboxMetrics outboxMetrics(OutboxRelay relay, Clock clock) {
        return new OutboxMetrics(List.of(relay), clock);
    }
}
