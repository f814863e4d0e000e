package com.clinicbackbone.patient.patient;

import java.util.Optional;

/** Where patients are kept (port). */
public interface Patients {

    /** Stores a new patient together with the events it registered, in one atomic write. */
    void add(Patient patient);

    Optional<Patient> find(String id);
}
