package com.clinicbackbone.booking.patient;

/** The patient of a booking is unknown, erased, merged into another identity or not linked to the clinic (422). */
public class PatientNotBookableException extends RuntimeException {

    public enum Reason {
        UNKNOWN,
        ERASED,
        MERGED,
        NOT_LINKED
    }

    private final String patientId;
    private final Reason reason;
    private final String survivingPatientId;

    public PatientNotBookableException(String patientId, Reason reason, String message, String survivingPatientId) {
        super(message);
        this.patientId = patientId;
        this.reason = reason;
        this.survivingPatientId = survivingPatientId;
    }

    static PatientNotBookableException unknown(String patientId) {
        return new PatientNotBookableException(patientId, Reason.UNKNOWN, "No patient " + patientId
                + " is registered; register the patient first", null);
    }

    static PatientNotBookableException notLinked(String patientId, String clinicId) {
        return new PatientNotBookableException(patientId, Reason.NOT_LINKED, "Patient " + patientId
                + " is not registered at clinic " + clinicId + "; register the patient there first", null);
    }

    public String patientId() {
        return patientId;
    }

    public Reason reason() {
        return reason;
    }

    /** The id to book instead, for a merged patient; null otherwise. */
    public String survivingPatientId() {
        return survivingPatientId;
    }
}
