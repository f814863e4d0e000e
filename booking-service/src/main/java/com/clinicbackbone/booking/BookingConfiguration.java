package com.clinicbackbone.booking;

import com.clinicbackbone.booking.appointment.AppointmentService;
import com.clinicbackbone.booking.appointment.Appointments;
import com.clinicbackbone.booking.appointment.PractitionerCalendar;
import com.clinicbackbone.booking.availability.AvailabilityEngine;
import com.clinicbackbone.booking.availability.FreeStarts;
import com.clinicbackbone.booking.clinic.Catalog;
import com.clinicbackbone.booking.idempotency.IdempotencyKeys;
import com.clinicbackbone.booking.idempotency.IdempotentRequests;
import com.clinicbackbone.booking.patient.PatientEligibility;
import com.clinicbackbone.booking.patient.PatientRegistry;
import com.clinicbackbone.booking.schedule.ScheduleListener;
import com.clinicbackbone.booking.schedule.ScheduleService;
import com.clinicbackbone.booking.schedule.Schedules;
import com.clinicbackbone.messaging.MongoPingHealthIndicator;
import com.clinicbackbone.messaging.OutboxRelay;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
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

    /** An unknown or not-yet-linked patient is looked up every {@code poll-interval} for up to {@code patience}. */
    @Bean
    PatientEligibility patientEligibility(PatientRegistry registry,
                                          @Value("${booking.patients.patience:2s}") Duration patience,
                                          @Value("${booking.patients.poll-interval:50ms}") Duration pollInterval) {
        return new PatientEligibility(registry, patience, pollInterval);
    }

    /** Tells the waitlist (looked up lazily: it depends on the schedule in turn) of schedule changes that free time. */
    @Bean
    ScheduleService scheduleService(Catalog catalog, Schedules schedules,
                                    ObjectProvider<ScheduleListener> listeners) {
        return new ScheduleService(catalog, schedules, () -> listeners.getIfAvailable(() -> ScheduleListener.NONE));
    }

    @Bean
    AppointmentService appointmentService(Catalog catalog, Appointments appointments, PractitionerCalendar calendar,
                                          PatientEligibility patients, ScheduleService schedule, Clock clock) {
        return new AppointmentService(catalog, appointments, calendar, patients, schedule, clock);
    }

    /** The availability engine, also the {@link FreeStarts} of the rest of the service. */
    @Bean
    AvailabilityEngine availabilityEngine(Catalog catalog, ScheduleService schedule, PractitionerCalendar calendar,
                                          Clock clock) {
        return new AvailabilityEngine(catalog, schedule, calendar, clock);
    }

    /** A request with an Idempotency-Key that has run this long without an answer is presumed dead. */
    @Bean
    IdempotentRequests idempotentRequests(IdempotencyKeys keys, Clock clock,
                                          @Value("${booking.idempotency.lease:30s}") Duration lease) {
        return new IdempotentRequests(keys, clock, lease);
    }

    @Bean
    OutboxRelay outboxRelay(MongoTemplate mongo, StreamBridge bridge, Clock clock) {
        return new OutboxRelay(mongo, bridge, List.of("appointments"), clock, Duration.ofSeconds(1),
                Duration.ofSeconds(30));
    }

    /** Overrides Boot's {@code mongoHealthIndicator}; see {@link MongoPingHealthIndicator}. */
    @Bean
    MongoPingHealthIndicator mongoHealthIndicator(MongoTemplate mongo) {
        return new MongoPingHealthIndicator(mongo);
    }
}
