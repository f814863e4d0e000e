package com.clinicbackbone.patient.patient.persistence;

import com.clinicbackbone.patient.patient.AccessEntry;
import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/** One entry of the PHI access log as stored (ids only); inserted, never updated or deleted. */
@Document(AccessEntryDocument.COLLECTION)
record AccessEntryDocument(@Id String id, @Indexed String patientId, String subject, String role,
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
