package com.clinicbackbone.patient.patient;

import java.time.Clock;
import java.util.Collection;
import java.util.Set;
import java.util.UUID;

/** Registers patients at the configured clinics and looks them up. */
public class PatientRegistry {

    private final Patients patients;
    private final Set<String> clinicIds;
    private final Clock clock;

    public PatientRegistry(Patients patients, Collection<String> clinicIds, Clock clock) {
        this.patients = patients;
        this.clinicIds = Set.copyOf(clinicIds);
        this.clock = clock;
    }

    /** Registers the patient; throws {@link InvalidPatientException} (and stores nothing) when a rule is broken. */
    public Patient register(Registration registration) {
        Patient patient = Patient.register(UUID.randomUUID().toString(), registration, clinicIds, clock.instant());
        patients.add(patient);
        return patient;
    }

    public Patient get(String id) {
        return patients.find(id).orElseThrow(() -> new PatientNotFoundException(id));
    }
}
