package com.clinicbackbone.booking.appointment;

import java.util.Optional;

/** Stores appointments together with their registered events (one single-document write each). */
public interface Appointments {

    Optional<Appointment> find(String id);

    /** Stores a new appointment and its events. */
    void add(Appointment appointment);

    /**
     * Stores the changes of a loaded appointment and its events, provided nobody changed it since it was loaded;
     * otherwise throws {@link AppointmentStateException}.
     */
    void update(Appointment appointment);

    /**
     * Clears the free text (the cancellation reason) of every appointment of the patient, leaving ids, times and
     * revision as they are; returns how many appointments were changed.
     */
    int erasePersonalDataOf(String patientId);
}
