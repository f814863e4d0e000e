package com.clinicbackbone.booking.patient;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Decides whether a patient can be booked at a clinic, from the registry projection. The projection trails
 * patient-service by a few milliseconds: a patient registered (or linked to the clinic) a moment ago may not be
 * there yet, so an unknown or not-yet-linked patient is looked up again for a short while before the booking is
 * refused. Erased and merged patients are refused at once (those states are final).
 */
public class PatientEligibility {

    private final PatientRegistry registry;
    private final Duration pollInterval;
    private final int retries;

    /**
     * @param patience     how long to keep looking for an unknown or not-yet-linked patient
     * @param pollInterval how long to pause between two looks
     */
    public PatientEligibility(PatientRegistry registry, Duration patience, Duration pollInterval) {
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("pollInterval must be positive");
        }
        this.registry = registry;
        this.pollInterval = pollInterval;
        this.retries = (int) Math.max(0, patience.toMillis() / Math.max(1, pollInterval.toMillis()));
    }

    /**
     * The patient, when it can be booked at the clinic (one read when it can); throws
     * {@link PatientNotBookableException} if not.
     */
    public RegisteredPatient requireBookable(String patientId, String clinicId) {
        Optional<RegisteredPatient> patient = registry.find(patientId);
        PatientNotBookableException refusal = refusal(patientId, patient, clinicId);
        for (int attempt = 0; refusal != null && mayStillChange(refusal) && attempt < retries; attempt++) {
            pause();
            patient = registry.find(patientId);
            refusal = refusal(patientId, patient, clinicId);
        }
        if (refusal != null) {
            throw refusal;
        }
        return patient.orElseThrow();
    }

    /** The patient as the registry knows it (with its recent completed visits). */
    public Optional<RegisteredPatient> find(String patientId) {
        return registry.find(patientId);
    }

    /** Remembers that the patient completed the visit (for the prerequisites of later bookings). */
    public void recordCompletion(String patientId, String clinicId, String serviceId, Instant start) {
        registry.recordCompletion(patientId, new RegisteredPatient.Completion(clinicId, serviceId, start));
    }

    /**
     * Remembers that the appointment holds free text of the patient; true when the patient is erased meanwhile (the
     * caller clears the text then). See {@link PatientRegistry#noteFreeText}.
     */
    public boolean noteFreeText(String patientId, String appointmentId) {
        return registry.noteFreeText(patientId, appointmentId);
    }

    /** Whether the patient's personal data was erased (only the id remains). */
    public boolean isErased(String patientId) {
        return registry.find(patientId).map(patient -> patient.status() == PatientStatus.ERASED).orElse(false);
    }

    private static PatientNotBookableException refusal(String patientId, Optional<RegisteredPatient> patient,
                                                       String clinicId) {
        if (patient.isEmpty()) {
            return PatientNotBookableException.unknown(patientId);
        }
        return patient.get().refusalAt(clinicId).orElse(null);
    }

    private static boolean mayStillChange(PatientNotBookableException refusal) {
        return refusal.reason() == PatientNotBookableException.Reason.UNKNOWN
                || refusal.reason() == PatientNotBookableException.Reason.NOT_LINKED;
    }

    private void pause() {
        try {
            Thread.sleep(pollInterval.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the patient registry", e);
        }
    }
}
