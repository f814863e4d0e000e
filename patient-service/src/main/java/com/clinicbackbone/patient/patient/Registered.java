package com.clinicbackbone.patient.patient;

/**
 * The outcome of a registration.
 *
 * @param view           what the registering clinic may see of the record
 * @param linkedExisting true when the person already existed and was linked to the clinic instead of duplicated
 */
public record Registered(String id, PatientView view, boolean linkedExisting) {
}
