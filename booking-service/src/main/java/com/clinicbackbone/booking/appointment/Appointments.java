package com.clinicbackbone.booking.appointment;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Stores appointments together with their registered events (one single-document write each). Every method but the
 * day views and {@link #archiveFinished} is a key lookup (the appointment's id, or ids).
 */
public interface Appointments {

    Optional<Appointment> find(String id);

    /** The appointments with these ids that are stored, in the order of the ids (one read). */
    List<Appointment> findAll(Collection<String> ids);

    /** Stores a new appointment and its events; fails if an appointment with its id exists. */
    void add(Appointment appointment);

    /**
     * Makes the id unusable for a new appointment unless one is stored under it: a later {@link #add} under it fails
     * and {@link #find} does not find it. True if the id is fenced (now or before), false if an appointment is stored
     * under it.
     */
    boolean fence(String id);

    /** Stores new appointments and their events (in one write); fails if one of their ids exists. */
    void addAll(List<Appointment> appointments);

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
     * Clears the free text (the cancellation reason) of these appointments, archived ones too, leaving ids, times and
     * revision as they are; returns how many were changed.
     */
    int erasePersonalData(Collection<String> ids);

    /**
     * Calls back with the id and patient id of every stored appointment, archived ones too, that holds free text (a
     * cancellation reason). Reads them all: for a one-off backfill, not a hot path.
     */
    void eachWithFreeText(BiConsumer<String, String> appointmentAndPatient);

    /**
     * Flags the loaded appointment {@code cancellationRequested} (see {@link Appointment#cancellationRequested()}),
     * the revision staying, provided it is still stored at the revision it was loaded with; false otherwise.
     */
    boolean flagCancellationRequested(Appointment loaded);

    /**
     * Moves up to {@code limit} finished appointments (completed, cancelled, no-show) that ended before the instant
     * and have no events left to publish to the archive; returns them. Idempotent if interrupted.
     */
    List<Appointment> archiveFinished(Instant endedBefore, int limit);
}
