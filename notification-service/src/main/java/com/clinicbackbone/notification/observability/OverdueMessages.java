package com.clinicbackbone.notification.observability;

import com.clinicbackbone.notification.notification.Notifications;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code clinic.reminders.overdue}: messages that should have gone out more than {@code grace} ago (their next
 * attempt time has passed) and are still waiting, i.e. neither sent, skipped, failed nor cancelled. Read at scrape
 * time, cached for {@code maxAge}, from what the store keeps for the dispatcher ({@link Notifications#countOverdue}:
 * the due buckets and the notifications they name, by key; never a count of the collection). A message deferred
 * to the end of the quiet hours or waiting for a retry is not overdue: its next attempt time lies ahead.
 */
class OverdueMessages implements MeterBinder {

    static final Duration GRACE = Duration.ofMinutes(5);

    private final Notifications notifications;
    private final Clock clock;
    private final Duration grace;
    private final Duration maxAge;
    private long count;
    private Instant readAt;

    OverdueMessages(Notifications notifications, Clock clock, Duration grace, Duration maxAge) {
        this.notifications = notifications;
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

    /** One look per {@code maxAge} at most, however many scrapers ask at once. */
    synchronized long count() {
        Instant now = clock.instant();
        if (readAt == null || !readAt.plus(maxAge).isAfter(now)) {
            count = notifications.countOverdue(now.minus(grace));
            readAt = now;
        }
        return count;
    }
}
