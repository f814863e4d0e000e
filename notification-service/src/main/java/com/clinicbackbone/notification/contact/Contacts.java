package com.clinicbackbone.notification.contact;

import java.util.Optional;

/** The contact projection (port). */
public interface Contacts {

    Optional<Contact> find(String patientId);

    /** Stores the contact unless a newer revision is stored already; false when the record is stale. */
    boolean saveIfNotOlder(Contact contact);

    /** Erases the patient's contact details (tombstone). */
    void delete(String patientId);
}
