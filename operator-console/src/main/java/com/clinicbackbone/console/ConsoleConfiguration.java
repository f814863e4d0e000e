package com.clinicbackbone.console;

import com.clinicbackbone.console.deadletter.DeadLetterActions;
import com.clinicbackbone.console.deadletter.DeadLetters;
import com.clinicbackbone.console.deadletter.Republisher;
import java.time.Clock;
import org.bson.Document;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

@Configuration(proxyBeanMethods = false)
class ConsoleConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * MongoDB health by {@code ping}, under the name of Boot's indicator, which it replaces: Boot's sends
     * {@code hello}, which the MongoDB-wire server of the local stack and the tests does not know.
     */
    @Bean("mongoHealthIndicator")
    HealthIndicator mongoHealthIndicator(MongoTemplate mongo) {
        return () -> {
            try {
                mongo.executeCommand(new Document("ping", 1));
                return Health.up().withDetail("database", mongo.getDb().getName()).build();
            } catch (RuntimeException e) {
                return Health.down().withDetail("error", e.getClass().getSimpleName()).build();
            }
        };
    }

    /**
     * The console's listeners (dead letters, bookings) retry a record that cannot be stored (MongoDB away) with
     * backoff until it is stored, instead of skipping it: a dead letter is never lost to the console.
     */
    @Bean
    DefaultErrorHandler listenerErrorHandler() {
        ExponentialBackOff backOff = new ExponentialBackOff(1000, 2.0);
        backOff.setMaxInterval(30_000);
        backOff.setMaxAttempts(Integer.MAX_VALUE);
        return new DefaultErrorHandler(backOff);
    }

    @Bean
    DeadLetterActions deadLetterActions(DeadLetters deadLetters, Republisher republisher, Clock clock) {
        return new DeadLetterActions(deadLetters, republisher, clock);
    }
}
