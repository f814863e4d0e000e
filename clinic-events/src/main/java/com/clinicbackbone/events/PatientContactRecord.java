package com.clinicbackbone.events;

import java.util.List;

/**
 * The patient's current contact-directory record. Topic {@link Topics#PATIENT_CONTACTS} (compacted),
 * key = patient id; a tombstone erases it. The only event that carries contact details.
 *
 * @param language {@code en} or {@code fr}
 * @param channels the channels the patient wants messages on: {@code EMAIL}, {@code SMS}
 * @param consents the channels the patient has consented to be contacted on ({@code EMAIL}, {@code SMS});
 *                 added in a compatible way: absent (null) in records written before consents existed
 */
public record PatientContactRecord(String patientId, String givenName, String email, String phone, String language,
                                   List<String> channels, List<String> consents) {

    /** A record without consent information, as the first version of the contract wrote it. */
    public PatientContactRecord(String patientId, String givenName, String email, String phone, String language,
                                List<String> channels) {
        this(patientId, givenName, email, phone, language, channels, null);
    }

    public static final String TYPE = "clinic.patient.contact.v1";
}
