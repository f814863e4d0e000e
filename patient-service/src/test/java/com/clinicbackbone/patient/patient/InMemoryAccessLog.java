package com.clinicbackbone.patient.patient;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An {@link AccessLog} in memory, for tests that do not need MongoDB. */
public class InMemoryAccessLog implements AccessLog {

    private final List<AccessEntry> entries = new CopyOnWriteArrayList<>();

    @Override
    public void append(AccessEntry entry) {
        entries.add(entry);
    }

    @Override
    public List<AccessEntry> entriesFor(String patientId) {
        return entries.stream().filter(entry -> entry.patientId().equals(patientId)).toList();
    }

    public List<AccessEntry> all() {
        return List.copyOf(entries);
    }

    public void clear() {
        entries.clear();
    }
}
