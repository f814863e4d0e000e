package com.clinicbackbone.patient;

import com.clinicbackbone.messaging.MongoPingHealthIndicator;
import com.clinicbackbone.messaging.OutboxRelay;
import com.clinicbackbone.patient.patient.AccessLog;
import com.clinicbackbone.patient.patient.PatientRegistry;
import com.clinicbackbone.patient.patient.Patients;
import com.clinicbackbone.patient.patient.PractitionerPatients;
import com.clinicbackbone.patient.patient.persistence.PatientDocument;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

/** Wires the Spring-free domain to its adapters and the outbox relay. */
@Configuration(proxyBeanMethods = false)
class PatientConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    PatientRegistry patientRegistry(Patients patients, AccessLog accessLog, PractitionerPatients practitionerPatients,
                                    PatientProperties properties, Clock clock) {
        return new PatientRegistry(patients, accessLog, practitionerPatients, properties.clinicIds(), clock);
    }

    /**
     * Seeds the demo patients (idempotent by id) once every bean exists, before the outbox relay starts publishing
     * their registry events and contact records.
     */
    @Bean
    SmartInitializingSingleton demoPatientSeeder(PatientRegistry registry, PatientProperties properties) {
        return () -> {
            if (properties.demoData()) {
                registry.seedDemoPatients();
            }
        };
    }

    /** Overrides Boot's {@code mongoHealthIndicator}; see {@link MongoPingHealthIndicator}. */
    @Bean
    MongoPingHealthIndicator mongoHealthIndicator(MongoTemplate mongo) {
        return new MongoPingHealthIndicator(mongo);
    }

    /** Publishes the events waiting in the patient documents; started and stopped by Spring (SmartLifecycle). */
    @Bean
    OutboxRelay outboxRelay(MongoTemplate mongo, StreamBridge bridge, Clock clock) {
        return new OutboxRelay(mongo, bridge, List.of(PatientDocument.COLLECTION), clock, Duration.ofSeconds(1),
                Duration.ofSeconds(30));
    }
}
