package com.clinicbackbone.patient.patient;

import java.util.Set;

/**
 * Which practitioner has which patient on their appointments (port): an ids-only projection of the appointment
 * events, one pair per practitioner and patient however many appointments they share. A pair is never removed by
 * an appointment event: a cancelled or missed appointment still made the patient theirs to prepare for, so it still
 * counts as a care relation. Holds no personal data, so an erasure leaves it as it is (the erased record answers
 * 404 to everyone anyway).
 */
public interface PractitionerPatients {

    /** Records the pair; does nothing when it exists already. */
    void add(String practitionerId, String patientId);

    boolean contains(String practitionerId, String patientId);

    /** The patient ids on the practitioner's appointments. */
    Set<String> patientsOf(String practitionerId);

    /**
     * Gives every practitioner of {@code fromPatientId} the pair with {@code toPatientId} instead (a merge). Safe to
     * repeat: the new pairs are added before the old ones are removed.
     */
    void move(String fromPatientId, String toPatientId);
}
