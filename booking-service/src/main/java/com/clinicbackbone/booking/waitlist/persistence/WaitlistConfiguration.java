package com.clinicbackbone.booking.waitlist.persistence;

import com.clinicbackbone.booking.appointment.AppointmentService;
import com.clinicbackbone.booking.availability.FreeStarts;
import com.clinicbackbone.booking.clinic.Catalog;
import com.clinicbackbone.booking.patient.PatientEligibility;
import com.clinicbackbone.booking.schedule.ScheduleListener;
import com.clinicbackbone.booking.waitlist.FreedBySchedule;
import com.clinicbackbone.booking.waitlist.OfferExpiries;
import com.clinicbackbone.booking.waitlist.OfferWindows;
import com.clinicbackbone.booking.waitlist.Waitlist;
import com.clinicbackbone.booking.waitlist.WaitlistListener;
import com.clinicbackbone.booking.waitlist.WaitlistService;
import com.clinicbackbone.booking.waitlist.scheduling.ExpirySweeper;
import com.clinicbackbone.messaging.OutboxRelay;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

/** Wires the waitlist: its Spring-free service, the relay of its outbox and the expiry sweeper. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WaitlistConfiguration.WaitlistProperties.class)
class WaitlistConfiguration {

    /**
     * {@code booking.waitlist.*}: how long an offer holds the time ({@code offer-window}, per clinic
     * {@code offer-windows.<clinicId>}), the shortest window worth offering after it is cut to end before the
     * service's minimum notice ({@code shortest-offer-window}), and how often each instance looks for expired offers
     * ({@code sweep-interval}).
     */
    @ConfigurationProperties("booking.waitlist")
    record WaitlistProperties(Duration offerWindow, Map<String, Duration> offerWindows, Duration shortestOfferWindow,
                              Duration sweepInterval) {

        WaitlistProperties {
            sweepInterval = sweepInterval == null ? Duration.ofSeconds(1) : sweepInterval;
        }
    }

    @Bean
    WaitlistService waitlistService(Catalog catalog, AppointmentService appointments, PatientEligibility patients,
                                    Waitlist waitlist, OfferExpiries expiries, WaitlistProperties properties,
                                    ObjectProvider<WaitlistListener> listener, FreeStarts freeStarts, Clock clock) {
        return new WaitlistService(catalog, appointments, patients, waitlist, expiries,
                new OfferWindows(properties.offerWindow(), properties.offerWindows(),
                        properties.shortestOfferWindow()), listener.getIfAvailable(() -> WaitlistListener.NONE),
                freeStarts, clock);
    }

    /** One thread offers the time schedule changes add, after the change's request answered. */
    @Bean(destroyMethod = "shutdown")
    ExecutorService waitlistScheduleExecutor() {
        return Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "waitlist-schedule");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Bean
    ScheduleListener freedBySchedule(WaitlistService waitlist, Catalog catalog,
                                     ExecutorService waitlistScheduleExecutor, Clock clock) {
        return new FreedBySchedule(waitlist, catalog, waitlistScheduleExecutor, clock);
    }

    @Bean
    WaitlistOutboxRelay waitlistOutboxRelay(MongoTemplate mongo, StreamBridge bridge, Clock clock) {
        return new WaitlistOutboxRelay(new OutboxRelay(mongo, bridge, List.of(MongoWaitlist.COLLECTION), clock,
                Duration.ofSeconds(1), Duration.ofSeconds(30), java.util.UUID.randomUUID().toString(), 1));
    }

    @Bean
    ExpirySweeper waitlistExpirySweeper(WaitlistService waitlist, WaitlistProperties properties) {
        return new ExpirySweeper(waitlist, properties.sweepInterval());
    }
}
