package com.clinicbackbone.messaging;

/**
 * Field names an aggregate document uses for its outbox. A document maps
 * {@code List<OutboxEntry> outbox} and {@code boolean outboxPending} (true while the list is not empty);
 * the relay adds {@code outboxLeaseUntil} while it publishes.
 */
public final class Outbox {

    public static final String ENTRIES = "outbox";
    public static final String PENDING = "outboxPending";
    public static final String LEASE_UNTIL = "outboxLeaseUntil";

    private Outbox() {
    }
}
