package com.clinicbackbone.events;

/**
 * An existing patient identity was linked to one more clinic (a registration there matched them).
 * Topic {@link Topics#PATIENTS}, key = patient id. Ids only.
 */
public record PatientLinkedToClinic(String patientId, String clinicId) {

    public static final String TYPE = "clinic.patient.linked.v1";
}
