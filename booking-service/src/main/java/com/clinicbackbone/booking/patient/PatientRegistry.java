package com.clinicbackbone.booking.patient;

import java.util.Collection;
import java.util.Optional;

/**
 * The patient registry projection. Each {@code apply...} method takes the patient revision of its event and
 * changes the patient only when that revision is newer than the stored one (redelivered or replayed events
 * change nothing); it returns whether it changed anything.
 */
public interface PatientRegistry {

    Optional<RegisteredPatient> find(String patientId);

    /** The patient was registered at (or linked to) the clinic: ACTIVE there from now on. */
    boolean applyLinked(String patientId, String clinicId, long revision);

    /** The patient's personal data was erased: ERASED, keeping only the id. */
    boolean applyErased(String patientId, long revision);

    /** The patient was retired into {@code survivingPatientId}: MERGED. */
    boolean applyMerged(String mergedPatientId, String survivingPatientId, long revision);

    /**
     * A merge linked the surviving patient to these clinics. Adding links commutes with every other change, so it
     * needs no revision (the merge event carries the merged patient's revision, not the survivor's); it never
     * revives an erased patient.
     */
    void addSurvivorLinks(String survivingPatientId, Collection<String> clinicIds);
}
