package com.clinicbackbone.events;

import java.util.List;

/**
 * The patient's current contact-directory record. Topic {@link Topics#PATIENT_CONTACTS} (compacted),
 * key = patient id; a tombstone erases it. The only event that carries contact details.
 *
 * @param language {@code en} or {@code fr}
 * @param channels the channels the patient wants messages on: {@code EMAIL}, {@code SMS}
 */
public record PatientContactRecord(String patientId, String givenName, String email, String phone, String language,
                                   List<String> channels) {

    public static final String TYPE = "clinic.patient.contact.v1";
}
