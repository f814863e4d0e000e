package com.clinicbackbone.patient.patient.web;

import com.clinicbackbone.patient.patient.AccessEntry;
import java.time.Instant;

/** One read of a patient record: who (token subject and role), when, which record, why (method and endpoint). */
record AccessEntryResponse(String patientId, String subject, String role, Instant accessedAt, String purpose) {

    static AccessEntryResponse of(AccessEntry entry) {
        return new AccessEntryResponse(entry.patientId(), entry.subject(), entry.role(), entry.accessedAt(),
                entry.purpose());
    }
}
