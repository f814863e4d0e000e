package com.clinicbackbone.patient.patient;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** {@link PractitionerPatients} in memory, for tests that do not need MongoDB. */
public class InMemoryPractitionerPatients implements PractitionerPatients {

    /** The pairs as {@code [practitionerId, patientId]}. */
    private final Set<List<String>> pairs = new HashSet<>();

    @Override
    public synchronized void add(String practitionerId, String patientId) {
        pairs.add(List.of(practitionerId, patientId));
    }

    @Override
    public synchronized boolean contains(String practitionerId, String patientId) {
        return pairs.contains(List.of(practitionerId, patientId));
    }

    @Override
    public synchronized Set<String> patientsOf(String practitionerId) {
        return pairs.stream().filter(pair -> pair.get(0).equals(practitionerId)).map(pair -> pair.get(1))
                .collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public synchronized void move(String fromPatientId, String toPatientId) {
        if (fromPatientId.equals(toPatientId)) {
            return;
        }
        for (List<String> pair : List.copyOf(pairs)) {
            if (pair.get(1).equals(fromPatientId)) {
                pairs.add(List.of(pair.get(0), toPatientId));
                pairs.remove(pair);
            }
        }
    }

    /** Every pair as {@code practitionerId/patientId}. */
    public synchronized Set<String> all() {
        return pairs.stream().map(pair -> pair.get(0) + "/" + pair.get(1)).collect(Collectors.toUnmodifiableSet());
    }

    public synchronized void clear() {
        pairs.clear();
    }
}
