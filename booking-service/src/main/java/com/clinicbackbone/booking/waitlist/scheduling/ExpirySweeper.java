package com.clinicbackbone.booking.waitlist.scheduling;

import com.clinicbackbone.booking.waitlist.WaitlistService;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs {@link WaitlistService#expireDue()} every {@code interval} on one daemon thread, on every instance (the
 * expiries are filed by key, so each instance finds those of any other; handling one twice changes nothing). Idle, a
 * sweep is one keyed read.
 */
public class ExpirySweeper implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ExpirySweeper.class);

    private final WaitlistService waitlist;
    private final Duration interval;
    private volatile ScheduledExecutorService executor;

    public ExpirySweeper(WaitlistService waitlist, Duration interval) {
        this.waitlist = waitlist;
        this.interval = interval;
    }

    @Override
    public void start() {
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "waitlist-expiry");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::sweep, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void sweep() {
        try {
            waitlist.expireDue();
        } catch (RuntimeException e) {
            log.warn("Waitlist expiry sweep failed; it runs again in {}: {}", interval, e.toString());
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
