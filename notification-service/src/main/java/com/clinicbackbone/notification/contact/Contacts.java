package com.clinicbackbone.notification.contact;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The contact projection (port). */
public interface Contacts {

    Optional<Contact> find(String patientId);

    /** The contacts of these patients that are stored, by patient id. */
    Map<String, Contact> findAll(Collection<String> patientIds);

    /** Stores the contact unless a newer revision is stored already; false when the record is stale. */
    boolean saveIfNotOlder(Contact contact);

    /** The contacts with this phone number (E.164, as the directory publishes it); several for a shared phone. */
    List<Contact> findByPhone(String phone);

    /**
     * Records that the patient opted out of SMS by reply (STOP ...) or back in (START); kept across later contact
     * records. False when the patient has no contact.
     */
    boolean markSmsOptedOut(String patientId, boolean optedOut);

    /** Erases the patient's contact details (tombstone). */
    void delete(String patientId);
}
