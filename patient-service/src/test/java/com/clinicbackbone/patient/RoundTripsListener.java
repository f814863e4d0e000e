package com.clinicbackbone.patient;

import com.clinicbackbone.messaging.testing.MongoRoundTrips;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Records every MongoDB command of the integration tests' application in
 * {@link PatientServiceIntegrationTest#roundTrips}.
 */
@TestConfiguration(proxyBeanMethods = false)
class RoundTripsListener {

    @Bean
    MongoClientSettingsBuilderCustomizer roundTripsListener() {
        return MongoRoundTrips.customizer(PatientServiceIntegrationTest.roundTrips);
    }
}
