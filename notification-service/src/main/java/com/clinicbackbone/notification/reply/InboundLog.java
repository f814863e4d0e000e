package com.clinicbackbone.notification.reply;

/** The log of inbound SMS (port): one entry per provider message id, written with its events in one write. */
public interface InboundLog {

    boolean contains(String messageSid);

    /** Stores the entry and its events for publishing; false when an entry with its message id exists already. */
    boolean add(InboundEntry entry);
}
