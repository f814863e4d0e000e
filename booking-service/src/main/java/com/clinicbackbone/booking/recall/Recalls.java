package com.clinicbackbone.booking.recall;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The recalls store (port): recalls with their events (one single-document write each), the open ones per clinic (the
 * desk's list) and per patient, and what the recalls need to know of each patient (their booked visits, the sessions
 * of their courses, their cancelled courses). Every method is a key lookup.
 */
public interface Recalls {

    Optional<Recall> find(String id);

    /** The stored recalls with these ids (one read). */
    List<Recall> findAll(Collection<String> ids);

    /**
     * Stores a new recall, listed open at its clinic and with its patient first; false (nothing changed) when one with
     * its id exists (it was opened before, perhaps closed since).
     */
    boolean add(Recall recall);

    /** Stores the closed recall with its event (compare-and-set on its revision; false when it changed meanwhile). */
    boolean update(Recall recall);

    /** The ids of the clinic's open recalls, oldest first. */
    List<String> openAt(String clinicId);

    /** What the recalls know of a patient (empty when nothing). */
    PatientFile patient(String patientId);

    /** The patient has a visit of the service at the clinic booked ({@code appointmentId}). */
    void booked(String patientId, String clinicId, String serviceId, String appointmentId);

    /** That visit is no longer to come (cancelled, missed, completed). */
    void ended(String patientId, String clinicId, String serviceId, String appointmentId);

    /** The appointments are the sessions of the course. */
    void sessions(String patientId, String courseId, Collection<String> appointmentIds);

    /** The course was cancelled. */
    void courseCancelled(String patientId, String courseId);

    /**
     * What the recalls know of a patient.
     *
     * @param open            the ids of their open recalls
     * @param booked          {@code <clinicId>|<serviceId>} of each visit still booked
     * @param courseOfSession course id by session appointment id
     * @param cancelledCourses the courses cancelled
     */
    record PatientFile(List<String> open, Set<String> booked, java.util.Map<String, String> courseOfSession,
                       Set<String> cancelledCourses) {

        public static final PatientFile NONE = new PatientFile(List.of(), Set.of(), java.util.Map.of(), Set.of());

        public boolean hasBooked(String clinicId, String serviceId) {
            return booked.contains(clinicId + "|" + serviceId);
        }
    }
}
