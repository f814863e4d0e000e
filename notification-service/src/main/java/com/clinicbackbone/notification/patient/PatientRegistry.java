package com.clinicbackbone.notification.patient;

import java.util.Optional;

/**
 * What this service knows about patient ids from the patient registry's events (port): which ids were erased and
 * which were merged into another one. Ids only, nothing personal.
 */
public interface PatientRegistry {

    /** How many merges {@link #current(String)} follows before it stops (a guard against a cycle). */
    int MAX_MERGE_HOPS = 16;

    boolean isErased(String patientId);

    /** The id this one was merged into, if it was retired by a merge. */
    Optional<String> mergedInto(String patientId);

    /** Records that the patient's personal data was erased; idempotent. */
    void markErased(String patientId);

    /** Records that {@code mergedPatientId} was retired into {@code survivingPatientId}; idempotent. */
    void markMerged(String mergedPatientId, String survivingPatientId);

    /**
     * Where a patient id stands: the id it is known by now and whether that patient was erased. A store answers
     * with one read for an id that was never merged.
     */
    default Standing standing(String patientId) {
        String current = current(patientId);
        return new Standing(current, isErased(current));
    }

    /** The id to plan for (the last survivor of the merges {@code patientId} went through) and its erasure. */
    record Standing(String currentId, boolean erased) {
    }

    /** Erased or merged away: nothing personal may be stored for the id any more (one read in a store). */
    default boolean isRetired(String patientId) {
        return isErased(patientId) || mergedInto(patientId).isPresent();
    }

    /** The id the patient is known by now: the last survivor of the merges it went through, else itself. */
    default String current(String patientId) {
        String current = patientId;
        for (int hop = 0; hop < MAX_MERGE_HOPS; hop++) {
            Optional<String> survivor = mergedInto(current);
            if (survivor.isEmpty() || survivor.get().equals(current)) {
                return current;
            }
            current = survivor.get();
        }
        return current;
    }
}
