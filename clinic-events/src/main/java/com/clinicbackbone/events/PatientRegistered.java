package com.clinicbackbone.events;

/** A patient was registered at a clinic. Topic {@link Topics#PATIENTS}, key = patient id. Ids only. */
public record PatientRegistered(String patientId, String clinicId) {

    public static final String TYPE = "clinic.patient.registered.v1";
}
