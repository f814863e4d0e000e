package com.clinicbackbone.notification.appointment;

import java.time.Instant;

/**
 * This service's copy of an appointment, as far as the appointment events tell.
 *
 * @param practitionerId null for an appointment stored before the projection kept it
 * @param serviceId      the clinic's service (what aftercare depends on); null when the event or an older
 *                       projection did not say
 */
public record Appointment(String id, String clinicId, String practitionerId, String patientId, Instant start,
                          Instant end, AppointmentStatus status, long revision, String serviceId) {

    /** The same appointment, for another patient id (the survivor of a merge). */
    public Appointment forPatient(String newPatientId) {
        return new Appointment(id, clinicId, practitionerId, newPatientId, start, end, status, revision, serviceId);
    }
}
