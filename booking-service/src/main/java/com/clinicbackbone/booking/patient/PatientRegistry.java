package com.clinicbackbone.booking.patient;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;

/**
 * The patient registry projection, one document per patient read and changed by its id. Each {@code apply...}
 * method takes the patient revision of its event and changes the patient only when that revision is newer than the
 * stored one (redelivered or replayed events change nothing).
 */
public interface PatientRegistry {

    /** How many of a patient's most recent completed visits are kept for prerequisite checks. */
    int KEPT_COMPLETIONS = 100;

    Optional<RegisteredPatient> find(String patientId);

    /** The patient was registered at (or linked to) the clinic: ACTIVE there from now on; whether it changed. */
    boolean applyLinked(String patientId, String clinicId, long revision);

    /** What an erasure did, and the patient's appointments that hold free text to clear (every time it is applied). */
    record Erasure(boolean changed, Set<String> appointmentsWithFreeText) {
    }

    /** The patient's personal data was erased: ERASED, keeping only the id. */
    Erasure applyErased(String patientId, long revision);

    /**
     * The patient was retired into {@code survivingPatientId}: MERGED; and the merge linked the survivor to these
     * clinics. Adding links commutes with every other change, so it needs no revision (the merge event carries the
     * merged patient's revision, not the survivor's); it never revives an erased survivor. Returns whether the merged
     * patient changed.
     */
    boolean applyMerged(String mergedPatientId, String survivingPatientId, Collection<String> survivorClinicIds,
                        long revision);

    /** Remembers a completed visit of a known patient (keeping the {@link #KEPT_COMPLETIONS} most recent). */
    void recordCompletion(String patientId, RegisteredPatient.Completion completion);

    /**
     * Remembers that the appointment now holds free text (a cancellation reason) to clear should the patient be
     * erased; returns whether the patient is erased already (then the caller clears it). One atomic single-document
     * change, so of this and a concurrent erasure one sees the other.
     */
    boolean noteFreeText(String patientId, String appointmentId);
}
