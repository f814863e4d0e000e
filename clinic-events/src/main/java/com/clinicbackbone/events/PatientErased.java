package com.clinicbackbone.events;

/**
 * A patient's personal data was erased. Topic {@link Topics#PATIENTS}, key = patient id; the contact directory
 * gets a tombstone for the same key. Consumers drop whatever personal data they copied and keep only the id.
 */
public record PatientErased(String patientId) {

    public static final String TYPE = "clinic.patient.erased.v1";
}
