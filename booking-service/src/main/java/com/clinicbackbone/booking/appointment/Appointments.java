package com.clinicbackbone.booking.appointment;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Stores appointments together with their registered events (one single-document write each). */
public interface Appointments {

    Optional<Appointment> find(String id);

    /** Stores a new appointment and its events; fails if an appointment with its id exists. */
    void add(Appointment appointment);

    /**
     * Stores the changes of a loaded appointment and its events, provided nobody changed it since it was loaded;
     * otherwise throws {@link AppointmentStateException}.
     */
    void update(Appointment appointment);

    /** The clinic's appointments (every status) starting in [from, to), by start. */
    List<Appointment> atClinic(String clinicId, Instant from, Instant to);

    /** The practitioner's appointments at every clinic (every status) starting in [from, to), by start. */
    List<Appointment> ofPractitioner(String practitionerId, Instant from, Instant to);

    /** The patient's appointments at every clinic (every status) starting in [from, to), by start. */
    List<Appointment> ofPatient(String patientId, Instant from, Instant to);

    /**
     * Clears the free text (the cancellation reason) of every appointment of the patient, leaving ids, times and
     * revision as they are; returns how many appointments were changed.
     */
    int erasePersonalDataOf(String patientId);

    /**
     * Flags a booked or confirmed appointment {@code cancellationRequested} (see
     * {@link Appointment#cancellationRequested()}); idempotent, the revision stays. False when the appointment is
     * unknown or no longer booked or confirmed.
     */
    boolean flagCancellationRequested(String id);
}
