package com.clinicbackbone.booking;

import com.clinicbackbone.booking.appointment.AppointmentService;
import com.clinicbackbone.booking.appointment.Appointments;
import com.clinicbackbone.booking.appointment.PractitionerCalendar;
import com.clinicbackbone.booking.clinic.Catalog;
import com.clinicbackbone.messaging.MongoPingHealthIndicator;
import com.clinicbackbone.messaging.OutboxRelay;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

/** Wires the Spring-free domain to its adapters. */
@Configuration(proxyBeanMethods = false)
class BookingConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    AppointmentService appointmentService(Catalog catalog, Appointments appointments, PractitionerCalendar calendar,
                                          Clock clock) {
        return new AppointmentService(catalog, appointments, calendar, clock);
    }

    @Bean
    OutboxRelay outboxRelay(MongoTemplate mongo, StreamBridge bridge, Clock clock) {
        return new OutboxRelay(mongo, bridge, List.of("appointments"), clock, Duration.ofMillis(200),
                Duration.ofSeconds(30));
    }

    /** Overrides Boot's {@code mongoHealthIndicator}; see {@link MongoPingHealthIndicator}. */
    @Bean
    MongoPingHealthIndicator mongoHealthIndicator(MongoTemplate mongo) {
        return new MongoPingHealthIndicator(mongo);
    }
}
