package com.clinicbackbone.booking.retention.scheduling;

import com.clinicbackbone.booking.retention.Retention;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/** Runs {@link Retention#runOnce()} on a schedule, on one daemon thread; a failed run is logged and retried next time. */
class RetentionSchedule implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RetentionSchedule.class);

    private final Retention retention;
    private final boolean enabled;
    private final Duration interval;
    private final Duration initialDelay;
    private volatile ScheduledExecutorService executor;

    RetentionSchedule(Retention retention, boolean enabled, Duration interval, Duration initialDelay) {
        this.retention = retention;
        this.enabled = enabled;
        this.interval = interval;
        this.initialDelay = initialDelay;
    }

    @Override
    public void start() {
        if (!enabled) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "booking-retention");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::run, initialDelay.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void run() {
        try {
            retention.runOnce();
        } catch (RuntimeException e) {
            log.warn("Retention run failed; it runs again in {}", interval, e);
        }
    }

    @Override
    public void stop() {
        ScheduledExecutorService running = executor;
        executor = null;
        if (running != null) {
            running.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }
}
