package com.clinicbackbone.booking.persistence;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The settings {@code booking.reference-cache.*} of every {@link ReferenceCache} (catalog, schedules). */
@Configuration(proxyBeanMethods = false)
class ReferenceCacheConfiguration {

    @Bean
    ReferenceCache.Settings referenceCacheSettings(
            @Value("${booking.reference-cache.refresh-interval:1s}") Duration refreshInterval,
            @Value("${booking.reference-cache.max-staleness:3s}") Duration maxStaleness,
            @Value("${booking.reference-cache.full-reload-interval:1m}") Duration fullReloadInterval) {
        return new ReferenceCache.Settings(refreshInterval, maxStaleness, fullReloadInterval);
    }
}
