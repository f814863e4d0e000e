package com.clinicbackbone.console.deadletter;

import java.time.Clock;
import java.time.Instant;

/**
 * Replay and discard. The action is recorded first with a compare-and-set on the NEW state, so of two concurrent
 * replays only one sends; a replay the broker does not acknowledge sets the dead letter back to NEW.
 */
public final class DeadLetterActions {

    private final DeadLetters deadLetters;
    private final Republisher republisher;
    private final Clock clock;

    public DeadLetterActions(DeadLetters deadLetters, Republisher republisher, Clock clock) {
        this.deadLetters = deadLetters;
        this.republisher = republisher;
        this.clock = clock;
    }

    public DeadLetter replay(String id, String operator) {
        DeadLetter current = find(id);
        DeadLetter replayed = record(current.replayed(operator, Instant.now(clock)));
        try {
            republisher.republish(current);
        } catch (RuntimeException e) {
            deadLetters.reopen(id);
            throw new ReplayFailedException(id, "Dead letter " + id + " could not be sent to "
                    + current.originalTopic() + " (" + e.getClass().getSimpleName() + "); it stays NEW.");
        }
        return replayed;
    }

    public DeadLetter discard(String id, String operator) {
        return record(find(id).discarded(operator, Instant.now(clock)));
    }

    private DeadLetter find(String id) {
        return deadLetters.find(id).orElseThrow(() -> new DeadLetterNotFoundException(id));
    }

    private DeadLetter record(DeadLetter handled) {
        if (!deadLetters.recordAction(handled)) {
            // somebody else acted in between: report what they did
            find(handled.id()).requireNew(handled.state() == DeadLetter.State.REPLAYED ? "replayed" : "discarded");
            throw new DeadLetterActionException(handled.id(), "Dead letter " + handled.id() + " was handled meanwhile.");
        }
        return handled;
    }
}
