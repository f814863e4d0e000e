package com.clinicbackbone.booking.waitlist.persistence;

import com.clinicbackbone.messaging.OutboxRelay;
import org.springframework.context.SmartLifecycle;

/**
 * The relay of the {@code waitlist} collection's outbox: its own {@link OutboxRelay} (leased, safe with several
 * instances), as the courses have theirs.
 */
class WaitlistOutboxRelay implements SmartLifecycle {

    private final OutboxRelay relay;

    WaitlistOutboxRelay(OutboxRelay relay) {
        this.relay = relay;
    }

    /** The entry {@code id} was just written with new events: publish them now. */
    void nudge(String id) {
        relay.nudge(MongoWaitlist.COLLECTION, id);
    }

    @Override
    public void start() {
        relay.start();
    }

    @Override
    public void stop() {
        relay.stop();
    }

    @Override
    public int getPhase() {
        return relay.getPhase();
    }

    @Override
    public boolean isRunning() {
        return relay.isRunning();
    }
}
