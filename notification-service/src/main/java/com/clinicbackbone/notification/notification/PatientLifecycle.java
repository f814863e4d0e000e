package com.clinicbackbone.notification.notification;

import com.clinicbackbone.notification.appointment.Appointments;
import com.clinicbackbone.notification.contact.Contact;
import com.clinicbackbone.notification.contact.Contacts;
import com.clinicbackbone.notification.patient.PatientRegistry;

/**
 * What erasures, merges and the contact directory do to this service's copies. Every step is idempotent, and the
 * result does not depend on the order in which the two topics' events arrive. A patient's notifications are found
 * through their appointments ({@link Appointments#notificationIdsOf}), by key.
 * <ul>
 * <li>Erasure ({@code PatientErased}): the contact copy goes, every pending notification of the patient is
 * cancelled ("patient erased"), and a contact record that still arrives for the id is ignored. What remains is
 * ids and times.</li>
 * <li>A contact tombstone: the contact copy goes; unless the id is known to be merged, pending notifications are
 * cancelled as for an erasure (the tombstone may be the only sign of an erasure yet).</li>
 * <li>Merge ({@code PatientsMerged}): the retired id's appointments and notifications are re-pointed to the
 * survivor, so the survivor still gets the confirmations and reminders of appointments booked under the retired
 * id; pending ones are sent to the survivor's contact. The merge's own tombstone for the retired id may have been
 * handled first and cancelled them as "patient erased": those are scheduled again (unless either id was erased
 * for real). Later events naming the retired id are planned for the survivor.</li>
 * </ul>
 */
public final class PatientLifecycle {

    public static final String PATIENT_ERASED = "patient erased";

    private final PatientRegistry registry;
    private final Contacts contacts;
    private final Appointments appointments;
    private final Notifications notifications;

    public PatientLifecycle(PatientRegistry registry, Contacts contacts, Appointments appointments,
                            Notifications notifications) {
        this.registry = registry;
        this.contacts = contacts;
        this.appointments = appointments;
        this.notifications = notifications;
    }

    public void erased(String patientId) {
        registry.markErased(patientId);
        contacts.delete(patientId);
        notifications.cancelScheduled(appointments.markPatientErased(patientId), PATIENT_ERASED);
    }

    public void contactTombstoned(String patientId) {
        contacts.delete(patientId);
        if (registry.mergedInto(patientId).isEmpty()) {
            notifications.cancelScheduled(appointments.notificationIdsOf(patientId), PATIENT_ERASED);
        }
    }

    /**
     * Stores a contact record unless the id was erased or merged away (a late record must not bring personal
     * data back) or a newer revision is stored.
     *
     * @return whether it was stored
     */
    public boolean contactRecorded(Contact contact) {
        if (registry.isRetired(contact.patientId())) {
            return false;
        }
        return contacts.saveIfNotOlder(contact);
    }

    public void merged(String mergedPatientId, String survivingPatientId) {
        registry.markMerged(mergedPatientId, survivingPatientId);
        contacts.delete(mergedPatientId);
        notifications.reassignPatient(appointments.reassignPatient(mergedPatientId, survivingPatientId),
                survivingPatientId);
        if (!registry.isErased(mergedPatientId) && !registry.isErased(survivingPatientId)) {
            notifications.rescheduleCancelled(appointments.notificationIdsOf(survivingPatientId), PATIENT_ERASED);
        }
    }
}
