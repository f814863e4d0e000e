package com.clinicbackbone.patient.patient;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link Patients} store in memory, for tests that do not need MongoDB. Keeps each stored patient as a fresh copy
 * (so later changes of a loaded object are not stored unless written) and every event it was written with.
 */
public class InMemoryPatients implements Patients {

    private final Map<String, Patient> patients = new ConcurrentHashMap<>();
    private final List<Record> published = new ArrayList<>();

    @Override
    public synchronized void add(Patient patient) {
        if (!addIfAbsent(patient)) {
            throw new IllegalStateException("duplicate patient id " + patient.id());
        }
    }

    @Override
    public synchronized boolean addIfAbsent(Patient patient) {
        if (patients.containsKey(patient.id())) {
            return false;
        }
        store(patient);
        return true;
    }

    @Override
    public synchronized void update(Patient patient) {
        Patient stored = patients.get(patient.id());
        if (stored == null || stored.revision() != patient.storedRevision()) {
            throw new ConcurrentChangeException(patient.id());
        }
        store(patient);
    }

    private void store(Patient patient) {
        patients.put(patient.id(), copy(patient));
        published.addAll(patient.events());
    }

    @Override
    public Optional<Patient> find(String id) {
        return Optional.ofNullable(patients.get(id)).map(InMemoryPatients::copy);
    }

    @Override
    public List<Patient> findByIdentity(String familyKey, LocalDate birthDate) {
        return patients.values().stream()
                .filter(patient -> patient.isActive() && Objects.equals(familyKey, patient.familyKey())
                        && birthDate.equals(patient.birthDate()))
                .sorted(Comparator.comparing(Patient::registeredAt)).map(InMemoryPatients::copy).toList();
    }

    @Override
    public List<Patient> findByEmail(String email, int limit) {
        String address = email.toLowerCase(java.util.Locale.ROOT);
        return patients.values().stream()
                .filter(patient -> patient.isActive() && address.equals(patient.email()))
                .sorted(Comparator.comparing(Patient::registeredAt).thenComparing(Patient::id)).limit(limit)
                .map(InMemoryPatients::copy).toList();
    }

    @Override
    public List<Patient> search(PatientSearch search, Set<String> clinicIds, int limit) {
        return patients.values().stream()
                .filter(patient -> search.matches(patient)
                        && patient.clinicIds().stream().anyMatch(clinicIds::contains))
                .sorted(Comparator.comparing(Patient::nameKey)).limit(limit).map(InMemoryPatients::copy).toList();
    }

    @Override
    public List<Patient> searchAmong(PatientSearch search, Set<String> ids, int limit) {
        return patients.values().stream()
                .filter(patient -> search.matches(patient) && ids.contains(patient.id()))
                .sorted(Comparator.comparing(Patient::nameKey)).limit(limit).map(InMemoryPatients::copy).toList();
    }

    /** Every event written so far, in order. */
    public synchronized List<Record> published() {
        return List.copyOf(published);
    }

    public int size() {
        return patients.size();
    }

    public synchronized void clear() {
        patients.clear();
        published.clear();
    }

    private static Patient copy(Patient p) {
        return Patient.restore(p.id(), p.status(), p.givenName(), p.familyName(), p.birthDate(), p.email(), p.phone(),
                p.language(), p.channels(), p.consents(), p.clinicId(), p.clinicIds(), p.revision(), p.registeredAt(),
                p.updatedAt(), p.mergedInto(), p.erasedAt());
    }
}
