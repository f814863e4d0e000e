package com.clinicbackbone.patient.patient.persistence;

import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The patients registered under one identity key (family-name key and birth date) in {@code patient_identities}: the
 * duplicate check at registration reads it by {@code _id} instead of searching the patients. The {@code _id} is the
 * SHA-256 of the key, so the document itself shows neither name nor birth date. {@code version} grows with every
 * change; the unique index on {@code {_id, version}} makes the compare-and-set that removes an emptied document a key
 * lookup.
 */
@Document(PatientIdentityDocument.COLLECTION)
@CompoundIndex(name = "identity_version", def = "{'_id': 1, 'version': 1}", unique = true)
record PatientIdentityDocument(@Id String id, List<String> patientIds, long version) {

    static final String COLLECTION = "patient_identities";
}
