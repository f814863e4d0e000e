package com.clinicbackbone.booking.patient;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * booking-service's copy of a patient identity, fed by the patient registry events: ids only, no personal data. It
 * also keeps the patient's most recent completed visits (clinic, service, start; see
 * {@link PatientRegistry#recordCompletion}), so that a prerequisite is checked on this one document instead of the
 * patient's appointment history.
 *
 * @param survivingPatientId the identity this one was merged into (status {@link PatientStatus#MERGED} only)
 * @param revision           the patient revision of the last event applied
 * @param completions        the most recent completed visits (at most {@link PatientRegistry#KEPT_COMPLETIONS})
 */
public record RegisteredPatient(String id, Set<String> clinicIds, PatientStatus status, String survivingPatientId,
                                long revision, List<Completion> completions) {

    /** A completed visit: the service at the clinic, started at {@code start}. */
    public record Completion(String clinicId, String serviceId, Instant start) {
    }

    public RegisteredPatient {
        clinicIds = Set.copyOf(clinicIds);
        completions = List.copyOf(completions);
    }

    /** A patient without completed visits. */
    public RegisteredPatient(String id, Set<String> clinicIds, PatientStatus status, String survivingPatientId,
                             long revision) {
        this(id, clinicIds, status, survivingPatientId, revision, List.of());
    }

    /** Whether the patient completed the service at the clinic in a visit starting in [from, to). */
    public boolean hasCompleted(String clinicId, String serviceId, Instant from, Instant to) {
        return completions.stream().anyMatch(it -> it.clinicId().equals(clinicId) && it.serviceId().equals(serviceId)
                && !it.start().isBefore(from) && it.start().isBefore(to));
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
