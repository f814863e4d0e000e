package com.clinicbackbone.booking.course.persistence;

import com.clinicbackbone.messaging.OutboxRelay;
import org.springframework.context.SmartLifecycle;

/**
 * The relay of the {@code courses} collection's outbox: its own {@link OutboxRelay} (leased, safe with several
 * instances), so the course feature needs no change to the appointments' relay.
 */
class CourseOutboxRelay implements SmartLifecycle {

    private final OutboxRelay relay;

    CourseOutboxRelay(OutboxRelay relay) {
        this.relay = relay;
    }

    /** The course {@code id} was just written with new events: publish them now. */
    void nudge(String id) {
        relay.nudge(MongoCourses.COLLECTION, id);
    }

    @Override
    public void start() {
        relay.start();
    }

    @Override
    public void stop() {
        relay.stop();
    }

    /** Stops after the web server and the Kafka consumers, as the relay it wraps does (see {@link OutboxRelay}). */
    @Override
    public int getPhase() {
        return relay.getPhase();
    }

    @Override
    public boolean isRunning() {
        return relay.isRunning();
    }
}
