package com.clinicbackbone.patient.patient;

import java.util.List;

/** The append-only log of reads of patient records (port). Nothing changes or removes an entry. */
public interface AccessLog {

    void append(AccessEntry entry);

    /** The entries about one patient, oldest first. */
    List<AccessEntry> entriesFor(String patientId);
}
