package com.clinicbackbone.booking.patient;

import java.util.Optional;
import java.util.Set;

/**
 * booking-service's copy of a patient identity, fed by the patient registry events: ids only, no personal data.
 *
 * @param survivingPatientId the identity this one was merged into (status {@link PatientStatus#MERGED} only)
 * @param revision           the patient revision of the last event applied
 */
public record RegisteredPatient(String id, Set<String> clinicIds, PatientStatus status, String survivingPatientId,
                                long revision) {

    public RegisteredPatient {
        clinicIds = Set.copyOf(clinicIds);
    }

    /** Why this patient cannot be booked at the clinic, or empty when it can. */
    public Optional<PatientNotBookableException> refusalAt(String clinicId) {
        return switch (status) {
            case ERASED -> Optional.of(new PatientNotBookableException(id, PatientNotBookableException.Reason.ERASED,
                    "Patient " + id + " was erased and can no longer be booked", null));
            case MERGED -> Optional.of(new PatientNotBookableException(id, PatientNotBookableException.Reason.MERGED,
                    "Patient " + id + " was merged into patient " + survivingPatientId + "; book "
                            + survivingPatientId + " instead", survivingPatientId));
            case ACTIVE -> clinicIds.contains(clinicId) ? Optional.empty()
                    : Optional.of(PatientNotBookableException.notLinked(id, clinicId));
        };
    }
}
