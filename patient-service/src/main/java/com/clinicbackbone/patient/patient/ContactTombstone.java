package com.clinicbackbone.patient.patient;

/**
 * Registered when a patient's contact-directory record must disappear (erasure, merge): published as a tombstone
 * (null value) for the patient id on the compacted contact topic.
 */
public record ContactTombstone(String patientId) {
}
