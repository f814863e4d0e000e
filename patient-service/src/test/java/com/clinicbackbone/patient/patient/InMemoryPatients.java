package com.clinicbackbone.patient.patient;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link Patients} store in memory, for tests that do not need MongoDB. */
public class InMemoryPatients implements Patients {

    private final Map<String, Patient> patients = new ConcurrentHashMap<>();

    @Override
    public void add(Patient patient) {
        if (patients.putIfAbsent(patient.id(), patient) != null) {
            throw new IllegalStateException("duplicate patient id " + patient.id());
        }
    }

    @Override
    public Optional<Patient> find(String id) {
        return Optional.ofNullable(patients.get(id));
    }

    public int size() {
        return patients.size();
    }

    public void clear() {
        patients.clear();
    }
}
