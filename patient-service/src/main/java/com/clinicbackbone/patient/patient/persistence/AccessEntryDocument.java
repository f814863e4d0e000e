package com.clinicbackbone.patient.patient.persistence;

import com.clinicbackbone.patient.patient.AccessEntry;
import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One entry of the PHI access log as stored (ids only); inserted, never updated or deleted, by no retention either
 * (kept at least six years). The auditor's screen reads one patient's entries in time order from the compound index.
 */
@Document(AccessEntryDocument.COLLECTION)
@CompoundIndex(name = "patient_time", def = "{'patientId': 1, 'accessedAt': 1, '_id': 1}")
record AccessEntryDocument(@Id String id, String patientId, String subject, String role,
                           Instant accessedAt, String purpose) {

    static final String COLLECTION = "phi_access_log";

    static AccessEntryDocument of(AccessEntry entry) {
        return new AccessEntryDocument(null, entry.patientId(), entry.subject(), entry.role(), entry.accessedAt(),
                entry.purpose());
    }

    AccessEntry toEntry() {
        return new AccessEntry(patientId, subject, role, accessedAt, purpose);
    }
}
