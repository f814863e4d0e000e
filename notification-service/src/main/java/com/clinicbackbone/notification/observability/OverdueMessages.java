package com.clinicbackbone.notification.observability;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.springframework.data.mongodb.core.MongoOperations;

/**
 * {@code clinic.reminders.overdue}: messages that should have gone out more than {@code grace} ago (their next
 * attempt time has passed) and are still waiting, i.e. neither sent, skipped, failed nor cancelled. Read at scrape
 * time, cached for {@code maxAge}. A message deferred to the end of the quiet hours or waiting for a retry is not
 * overdue: its next attempt time lies ahead.
 */
class OverdueMessages implements MeterBinder {

    static final Duration GRACE = Duration.ofMinutes(5);

    private final MongoOperations mongo;
    private final String collection;
    private final Clock clock;
    private final Duration grace;
    private final Duration maxAge;
    private long count;
    private Instant readAt;

    OverdueMessages(MongoOperations mongo, String collection, Clock clock, Duration grace, Duration maxAge) {
        this.mongo = mongo;
        this.collection = collection;
        this.clock = clock;
        this.grace = grace;
        this.maxAge = maxAge;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("clinic.reminders.overdue", this, OverdueMessages::count)
                .description("Messages due more than 5 minutes ago that are still not sent, skipped or failed")
                .register(registry);
    }

    /** One count query per {@code maxAge} at most, however many scrapers ask at once. */
    synchronized long count() {
        Instant now = clock.instant();
        if (readAt == null || !readAt.plus(maxAge).isAfter(now)) {
            count = mongo.count(query(where("status").is("SCHEDULED")
                    .and("nextAttemptAt").lt(Date.from(now.minus(grace)))), collection);
            readAt = now;
        }
        return count;
    }
}
