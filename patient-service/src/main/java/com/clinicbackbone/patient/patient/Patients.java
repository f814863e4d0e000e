package com.clinicbackbone.patient.patient;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Where patients are kept (port). Every write stores the change together with the events it registered. */
public interface Patients {

    /** Stores a new patient together with the events it registered, in one atomic write. */
    void add(Patient patient);

    /** Like {@link #add} but does nothing and answers false when a patient with the same id exists. */
    boolean addIfAbsent(Patient patient);

    /**
     * Stores a change of a loaded patient and its events in one atomic write, provided the stored record is still
     * at {@link Patient#storedRevision()}.
     *
     * @throws ConcurrentChangeException when it changed meanwhile (nothing is written)
     */
    void update(Patient patient);

    Optional<Patient> find(String id);

    /** Active patients with this family-name key ({@link Patient#familyKey()}) and birth date, oldest first. */
    List<Patient> findByIdentity(String familyKey, LocalDate birthDate);

    /**
     * Active patients whose record holds exactly this email address (compared in lower case), oldest first, at most
     * {@code limit}.
     */
    List<Patient> findByEmail(String email, int limit);

    /** Active patients linked to any of the clinics that match the search, at most {@code limit}. */
    List<Patient> search(PatientSearch search, Set<String> clinicIds, int limit);

    /** Active patients among these ids that match the search, at most {@code limit}, ordered like {@link #search}. */
    List<Patient> searchAmong(PatientSearch search, Set<String> ids, int limit);
}
