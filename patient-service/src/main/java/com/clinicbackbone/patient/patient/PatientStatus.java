package com.clinicbackbone.patient.patient;

/** Where a patient record is in its life. Only an active record holds personal data. */
public enum PatientStatus {
    /** A person the clinics it is linked to can see and contact. */
    ACTIVE,
    /** Retired into another record (see {@link Patient#mergedInto()}); personal data removed. */
    MERGED,
    /** Erased on request; only the id, the status and the time of erasure remain. */
    ERASED
}
