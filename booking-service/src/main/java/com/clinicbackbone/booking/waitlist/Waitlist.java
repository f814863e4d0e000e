package com.clinicbackbone.booking.waitlist;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The waitlist store (port): entries with their events (one single-document write each), the order of entry per
 * clinic and service (a queue document each), and the entries of each patient. Every method is a key lookup.
 */
public interface Waitlist {

    Optional<WaitlistEntry> find(String id);

    /** The stored entries with these ids (one read), in no particular order. */
    List<WaitlistEntry> findAll(Collection<String> ids);

    /**
     * Stores a new entry: queued at the end of its clinic's and service's queue and noted with its patient first
     * (both by key, idempotent), then the entry itself. An id queued whose entry is missing is skipped by readers.
     *
     * @return false when an entry with its id exists already (nothing changed)
     */
    boolean add(WaitlistEntry entry);

    /**
     * Stores the changes of a loaded entry and its events, provided it is still at the revision it was loaded at
     * (then {@link WaitlistEntry#stored()}); otherwise throws {@link WaitlistStateException}.
     */
    void update(WaitlistEntry entry);

    /** The ids queued for these services of the clinic (one read), each queue in order of entry. */
    List<String> queued(String clinicId, Collection<String> serviceIds);

    /** Takes ids off the clinic's and service's queue (entries that left the waitlist, or missing ones). */
    void dequeue(String clinicId, String serviceId, Collection<String> entryIds);

    /** The ids of the patient's entries (every status). */
    List<String> ofPatient(String patientId);

    /** Notes the entries under the survivor of a merge and forgets the merged patient's list. */
    void movePatient(String fromPatientId, String toPatientId, Collection<String> entryIds);
}
