package com.clinicbackbone.notification;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Ties the lifetime of {@link RunningServiceTest}'s infrastructure to the application context the subclasses
 * share: it is stopped when the cached context closes, not when the first test class finishes.
 */
@TestConfiguration(proxyBeanMethods = false)
class InfrastructureShutdown {

    @Bean
    AutoCloseable testInfrastructure() {
        return RunningServiceTest::stopInfrastructure;
    }
}
