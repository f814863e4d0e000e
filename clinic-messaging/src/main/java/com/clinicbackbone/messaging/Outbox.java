package com.clinicbackbone.messaging;

/**
 * Field names an aggregate document uses for its outbox. A document maps {@code List<OutboxEntry> outbox} and
 * {@code boolean outboxPending}; every write that adds entries sets {@code outboxPending} to true in the same
 * update, and then names the document to the relay ({@link OutboxRelay#nudge(String, Object)}).
 * <p>
 * While it publishes a document the relay sets {@code outboxPending} to false and {@code outboxRelaying} to a token
 * of its own; once Kafka has the events it removes exactly those with a compare-and-set on {@code _id} and its token,
 * and unsets {@code outboxRelaying}. A write that added events meanwhile set {@code outboxPending} to true again, so
 * they stay pending. A document with {@code outboxPending} true or an {@code outboxRelaying} token may hold
 * unpublished events: that is what the recovery query looks for.
 */
public final class Outbox {

    public static final String ENTRIES = "outbox";
    public static final String PENDING = "outboxPending";
    /** The token of the relay publishing the document right now (absent otherwise). */
    public static final String RELAYING = "outboxRelaying";
    /** Set by the relay of earlier versions while it published a document; no longer written. */
    public static final String LEASE_UNTIL = "outboxLeaseUntil";

    private Outbox() {
    }
}
