package com.clinicbackbone.notification.appointment;

import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

/** The appointment projection (port). */
public interface Appointments {

    Optional<Appointment> find(String appointmentId);

    /**
     * Stores the appointment unless a newer revision is stored already.
     *
     * @return false when the stored revision is newer (the event is stale); true otherwise, also when the same
     *         revision is stored (a redelivery), so that its idempotent effects can be completed
     */
    boolean saveIfNotOlder(Appointment appointment);

    /** The earliest appointment of these patients still to come (BOOKED or CONFIRMED, starting after {@code now}). */
    Optional<Appointment> nextUpcoming(Collection<String> patientIds, Instant now);

    /** Moves every appointment of {@code fromPatientId} to {@code toPatientId} (the survivor of a merge). */
    void reassignPatient(String fromPatientId, String toPatientId);
}
