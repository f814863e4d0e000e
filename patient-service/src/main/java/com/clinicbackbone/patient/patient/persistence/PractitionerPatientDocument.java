package com.clinicbackbone.patient.patient.persistence;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/** One practitioner–patient pair of the {@code practitioner_patients} projection: ids only, unique per pair. */
@Document(PractitionerPatientDocument.COLLECTION)
@CompoundIndex(name = "pair", def = "{'practitionerId': 1, 'patientId': 1}", unique = true)
record PractitionerPatientDocument(@Id String id, String practitionerId, @Indexed String patientId) {

    static final String COLLECTION = "practitioner_patients";
}
