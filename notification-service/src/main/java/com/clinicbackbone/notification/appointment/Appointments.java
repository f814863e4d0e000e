package com.clinicbackbone.notification.appointment;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The appointment projection (port). Each stored appointment keeps the ids of the notifications planned for it,
 * so whatever changes them later (a cancellation, a move, an erasure, a merge) names them by key.
 */
public interface Appointments {

    Optional<Appointment> find(String appointmentId);

    /** The stored appointments among these ids, by id. */
    Map<String, Appointment> findAll(Collection<String> appointmentIds);

    /** The stored appointment with the ids of every notification planned for it so far. */
    Optional<Stored> load(String appointmentId);

    /**
     * Writes the appointment (the state an event tells) and adds {@code plannedNotificationIds} to its plan, if what
     * is stored is still {@code expected} (null: nothing stored): a compare-and-set. False, and nothing changed,
     * when it changed meanwhile (or, for null, when one is stored already); load it again and decide again.
     */
    boolean save(Appointment appointment, Collection<String> plannedNotificationIds, Stored expected);

    /**
     * Stores the appointment unless a newer revision is stored already.
     *
     * @return false when the stored revision is newer (the event is stale); true otherwise, also when the same
     *         revision is stored (a redelivery), so that its idempotent effects can be completed
     */
    default boolean saveIfNotOlder(Appointment appointment) {
        for (int attempt = 0; attempt < 10; attempt++) {
            Optional<Stored> stored = load(appointment.id());
            if (stored.isPresent() && stored.get().appointment().revision() > appointment.revision()) {
                return false;
            }
            if (save(appointment, List.of(), stored.orElse(null))) {
                return true;
            }
        }
        throw new IllegalStateException("appointment " + appointment.id() + " kept changing while being saved");
    }

    /** The earliest appointment of these patients still to come (BOOKED or CONFIRMED, starting after {@code now}). */
    Optional<Appointment> nextUpcoming(Collection<String> patientIds, Instant now);

    /** The ids of the notifications planned for every appointment of the patient. */
    Set<String> notificationIdsOf(String patientId);

    /**
     * Notes on every appointment of the patient that the patient was erased (what is planned for them from now on
     * is stored cancelled, without asking the registry again).
     *
     * @return the ids of the notifications planned for those appointments
     */
    Set<String> markPatientErased(String patientId);

    /**
     * Moves every appointment of {@code fromPatientId} to {@code toPatientId} (the survivor of a merge).
     *
     * @return the ids of the notifications planned for the appointments moved
     */
    Set<String> reassignPatient(String fromPatientId, String toPatientId);

    /**
     * An appointment as stored, with its plan and the version its next compare-and-set is made on.
     *
     * @param patientErased its patient's erasure was applied to it ({@link #markPatientErased})
     * @param version       changes with every write of the stored appointment (opaque to callers)
     */
    record Stored(Appointment appointment, Set<String> plannedNotificationIds, boolean patientErased,
                  Object version) {

        public Stored {
            plannedNotificationIds = Set.copyOf(plannedNotificationIds);
        }
    }
}
