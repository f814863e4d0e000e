package com.clinicbackbone.console.deadletter;

import java.util.List;
import java.util.Optional;

/** The stored dead letters (port). */
public interface DeadLetters {

    /** Stores a dead letter read from its topic; a second delivery of the same record changes nothing. */
    void addIfAbsent(DeadLetter deadLetter);

    Optional<DeadLetter> find(String id);

    /** All of them, by topic, newest first within a topic. */
    List<DeadLetter> all();

    /**
     * Records the operator's action, only while the stored one is still NEW (a compare-and-set, so two operators
     * cannot both act on it); false when it is not NEW anymore.
     */
    boolean recordAction(DeadLetter handled);

    /** Sets a dead letter back to NEW after its replay could not be sent. */
    void reopen(String id);
}
