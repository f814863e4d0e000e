package com.clinicbackbone.events;

import java.util.List;

/**
 * Two records turned out to be one person: {@code mergedPatientId} is retired into {@code survivingPatientId},
 * which is now linked to {@code clinicIds}. Topic {@link Topics#PATIENTS}, key = the merged (retired) patient id;
 * the contact directory gets a tombstone for the merged id.
 */
public record PatientsMerged(String mergedPatientId, String survivingPatientId, List<String> clinicIds) {

    public static final String TYPE = "clinic.patient.merged.v1";
}
