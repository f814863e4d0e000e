package com.clinicbackbone.notification.waitlist;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The offers made to each patient (port), kept per patient so that every question is a key lookup: the open offers of
 * the patients sharing a phone number, those of a batch of messages. An offer stays open until it expires or is
 * closed (answered, expired or withdrawn in booking-service).
 */
public interface WaitlistOffers {

    /** Keeps the offer (again: nothing changes). */
    void add(WaitlistOffer offer);

    /** The offer is closed: no message of it goes out any more, no answer is routed to it. */
    void close(String patientId, String offerId);

    /** The offers of these patients open at {@code now}, newest first. */
    List<WaitlistOffer> open(Collection<String> patientIds, Instant now);

    /** The open offers among these (patient id → offer ids), by offer id. */
    Map<String, WaitlistOffer> openAmong(Map<String, ? extends Collection<String>> offerIdsByPatient, Instant now);

    /**
     * Publishes that the offer reached the patient on no channel, once however often it is asked (the event goes out
     * through an outbox, {@code channels} saying what became of each channel's message).
     */
    boolean publishUndeliverable(WaitlistOffer offer, Map<String, String> channels, Instant at);

    /** The newest open offer of these patients, if any. */
    default Optional<WaitlistOffer> newestOpen(Collection<String> patientIds, Instant now) {
        return open(patientIds, now).stream().findFirst();
    }
}
