package com.clinicbackbone.booking.patient;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The registry in memory, with the same revision rules as the MongoDB one; counts its look-ups. */
public class InMemoryPatientRegistry implements PatientRegistry {

    private final Map<String, RegisteredPatient> patients = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> freeText = new ConcurrentHashMap<>();
    private final AtomicInteger lookups = new AtomicInteger();

    /** Registers the patient (at revision 1) at the clinics; convenient for tests. */
    public InMemoryPatientRegistry register(String patientId, String... clinicIds) {
        patients.put(patientId, new RegisteredPatient(patientId, Set.of(clinicIds), PatientStatus.ACTIVE, null, 1));
        return this;
    }

    @Override
    public Optional<RegisteredPatient> find(String patientId) {
        lookups.incrementAndGet();
        return Optional.ofNullable(patients.get(patientId));
    }

    @Override
    public synchronized boolean applyLinked(String patientId, String clinicId, long revision) {
        RegisteredPatient stored = patients.get(patientId);
        if (stored != null && stored.revision() >= revision) {
            return false;
        }
        Set<String> clinics = new HashSet<>(stored == null ? Set.of() : stored.clinicIds());
        clinics.add(clinicId);
        patients.put(patientId, new RegisteredPatient(patientId, clinics,
                stored == null ? PatientStatus.ACTIVE : stored.status(),
                stored == null ? null : stored.survivingPatientId(), revision, completionsOf(stored)));
        return true;
    }

    @Override
    public synchronized Erasure applyErased(String patientId, long revision) {
        RegisteredPatient stored = patients.get(patientId);
        Set<String> texts = Set.copyOf(freeText.getOrDefault(patientId, Set.of()));
        if (stored != null && stored.revision() >= revision) {
            return new Erasure(false, texts);
        }
        patients.put(patientId, new RegisteredPatient(patientId, Set.of(), PatientStatus.ERASED, null, revision,
                completionsOf(stored)));
        return new Erasure(true, texts);
    }

    @Override
    public synchronized boolean applyMerged(String mergedPatientId, String survivingPatientId,
                                            Collection<String> survivorClinicIds, long revision) {
        if (!survivorClinicIds.isEmpty()) {
            addSurvivorLinks(survivingPatientId, survivorClinicIds);
        }
        RegisteredPatient stored = patients.get(mergedPatientId);
        if (stored != null && stored.revision() >= revision) {
            return false;
        }
        patients.put(mergedPatientId, new RegisteredPatient(mergedPatientId,
                stored == null ? Set.of() : stored.clinicIds(), PatientStatus.MERGED, survivingPatientId, revision));
        return true;
    }

    @Override
    public synchronized void recordCompletion(String patientId, RegisteredPatient.Completion completion) {
        RegisteredPatient stored = patients.get(patientId);
        if (stored == null) {
            return;
        }
        List<RegisteredPatient.Completion> completions = new ArrayList<>(stored.completions());
        completions.add(completion);
        patients.put(patientId, new RegisteredPatient(patientId, stored.clinicIds(), stored.status(),
                stored.survivingPatientId(), stored.revision(), completions));
    }

    @Override
    public synchronized boolean noteFreeText(String patientId, String appointmentId) {
        RegisteredPatient stored = patients.get(patientId);
        if (stored == null) {
            return false;
        }
        freeText.computeIfAbsent(patientId, id -> new HashSet<>()).add(appointmentId);
        return stored.status() == PatientStatus.ERASED;
    }

    private static List<RegisteredPatient.Completion> completionsOf(RegisteredPatient stored) {
        return stored == null ? List.of() : stored.completions();
    }

    private synchronized void addSurvivorLinks(String survivingPatientId, Collection<String> clinicIds) {
        RegisteredPatient stored = patients.get(survivingPatientId);
        if (stored != null && stored.status() == PatientStatus.ERASED) {
            return;
        }
        Set<String> clinics = new HashSet<>(stored == null ? Set.of() : stored.clinicIds());
        clinics.addAll(clinicIds);
        patients.put(survivingPatientId, new RegisteredPatient(survivingPatientId, clinics,
                stored == null ? PatientStatus.ACTIVE : stored.status(),
                stored == null ? null : stored.survivingPatientId(), stored == null ? 0 : stored.revision(),
                completionsOf(stored)));
    }

    public void clear() {
        patients.clear();
        freeText.clear();
    }

    public int lookups() {
        return lookups.get();
    }

    public List<RegisteredPatient> all() {
        return List.copyOf(patients.values());
    }
}
