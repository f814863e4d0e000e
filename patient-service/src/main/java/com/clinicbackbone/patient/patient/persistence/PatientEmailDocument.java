package com.clinicbackbone.patient.patient.persistence;

import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The patients whose record holds one email address, in {@code patient_emails}: self-registration reads it by
 * {@code _id} to find the record of a signed-in person's verified email, instead of querying the patients by email.
 * The {@code _id} is the SHA-256 of the lower-case address, so the document does not show it. {@code version} grows
 * with every change; the unique index on {@code {_id, version}} makes the compare-and-set that removes an emptied
 * document a key lookup (as {@link PatientIdentityDocument}).
 */
@Document(PatientEmailDocument.COLLECTION)
@CompoundIndex(name = "email_version", def = "{'_id': 1, 'version': 1}", unique = true)
record PatientEmailDocument(@Id String id, List<String> patientIds, long version) {

    static final String COLLECTION = "patient_emails";
}
