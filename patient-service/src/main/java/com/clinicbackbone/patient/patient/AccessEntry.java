package com.clinicbackbone.patient.patient;

import java.time.Instant;

/**
 * One read of a patient record, as the PHI access log keeps it: ids only.
 *
 * @param subject the token subject of the reader
 * @param role    the reader's role
 * @param purpose why: the HTTP method and endpoint pattern, for example {@code GET /api/patients/{id}}
 */
public record AccessEntry(String patientId, String subject, String role, Instant accessedAt, String purpose) {
}
