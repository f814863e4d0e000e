package com.clinicbackbone.patient.patient.web;

/** Body of {@code POST /api/patients/{survivingId}/merge}: the record to retire into the surviving one. */
record MergeRequest(String mergedPatientId) {
}
