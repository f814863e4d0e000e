package com.clinicbackbone.booking.observability;

import com.clinicbackbone.booking.clinic.Catalog;
import com.clinicbackbone.booking.clinic.Clinic;
import com.clinicbackbone.booking.clinic.DemoCatalog;
import com.clinicbackbone.booking.waitlist.WaitlistListener;
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

/** The service's own metrics: booking outcomes, waitlist offers and the outbox backlog of its aggregates. */
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
        return new OutboxMetrics(mongo, List.of("appointments", "courses", "waitlist"), clock, Duration.ofSeconds(5));
    }

    /** What becomes of waitlist offers (told by the waitlist service). */
    @Bean
    WaitlistListener waitlistMetrics(MeterRegistry registry) {
        return new WaitlistMetrics(registry, DemoCatalog.CLINICS.stream().map(Clinic::id).toList());
    }
}
