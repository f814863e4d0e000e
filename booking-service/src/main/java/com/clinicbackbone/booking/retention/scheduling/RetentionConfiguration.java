package com.clinicbackbone.booking.retention.scheduling;

import com.clinicbackbone.booking.appointment.AppointmentService;
import com.clinicbackbone.booking.appointment.PractitionerCalendar;
import com.clinicbackbone.booking.idempotency.IdempotencyKeys;
import com.clinicbackbone.booking.retention.Retention;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires retention ({@code booking.retention.*}) and runs it every {@code interval} on a thread of its own, first
 * {@code initial-delay} after start-up; {@code enabled: false} never runs it.
 */
@Configuration(proxyBeanMethods = false)
class RetentionConfiguration {

    @Bean
    Retention retention(IdempotencyKeys keys, PractitionerCalendar calendar, AppointmentService appointments,
                        Clock clock,
                        @Value("${booking.retention.idempotency-keys:24h}") Duration idempotencyKeys,
                        @Value("${booking.retention.calendar-days:2d}") Duration calendarDays,
                        @Value("${booking.retention.finished-appointments:400d}") Duration finishedAppointments,
                        @Value("${booking.retention.batch-size:500}") int batchSize,
                        @Value("${booking.retention.max-batches:100}") int maxBatches) {
        return new Retention(keys, calendar, appointments, clock,
                new Retention.Policy(idempotencyKeys, calendarDays, finishedAppointments, batchSize, maxBatches));
    }

    @Bean
    RetentionSchedule retentionSchedule(Retention retention,
                                        @Value("${booking.retention.enabled:true}") boolean enabled,
                                        @Value("${booking.retention.interval:1h}") Duration interval,
                                        @Value("${booking.retention.initial-delay:5m}") Duration initialDelay) {
        return new RetentionSchedule(retention, enabled, interval, initialDelay);
    }
}
