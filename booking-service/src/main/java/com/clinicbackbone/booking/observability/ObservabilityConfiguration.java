package com.clinicbackbone.booking.observability;

import com.clinicbackbone.booking.clinic.Catalog;
import com.clinicbackbone.booking.clinic.DemoCatalog;
import com.clinicbackbone.messaging.OutboxMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.json.JsonMapper;

/** The service's own metrics: booking outcomes and the outbox backlog of appointments and courses. */
@Configuration(proxyBeanMethods = false)
class ObservabilityConfiguration {

    @Bean
    FilterRegistrationBean<BookingOutcomeMetrics> bookingOutcomeMetrics(MeterRegistry registry, Catalog catalog,
                                                                        JsonMapper json) {
        var registration = new FilterRegistrationBean<>(
                new BookingOutcomeMetrics(registry, catalog, json, DemoCatalog.CLINICS));
        registration.addUrlPatterns(BookingOutcomeMetrics.PATH);
        return registration;
    }

    @Bean
    OutboxMetrics outboxMetrics(MongoTemplate mongo, Clock clock) {
        return new OutboxMetrics(mongo, List.of("appointments", "courses"), clock, Duration.ofSeconds(5));
    }
}
