package com.clinicbackbone.booking.recall;

import com.clinicbackbone.booking.clinic.Catalog;
import com.clinicbackbone.booking.clinic.ClinicService;
import com.clinicbackbone.booking.recall.Recalls.PatientFile;
import com.clinicbackbone.events.RecallClosed;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recalls of unfinished treatment, from the appointment and course events:
 * <ul>
 * <li>A session of a course still running is cancelled (not moved): a recall to book the course's service again
 * (SESSION_NOT_BOOKED).</li>
 * <li>A consultation is completed and the treatment it is the prerequisite of at that clinic is not booked: a recall to
 * book it (TREATMENT_NOT_BOOKED).</li>
 * <li>Either closes when the patient books that service at the clinic (BOOKED), the course is cancelled, the front
 * desk marks it handled, or the patient is erased.</li>
 * </ul>
 * Events of different appointments arrive in any order: a booking seen after the consultation's completion closes the
 * recall it opened, one seen before keeps it from opening; a session cancelled with its course may open a recall for
 * the moment until the course's cancellation closes it (long before an invitation is due). notification-service invites the patient per the clinic's
 * recall policy (delay, how often, quiet hours) while the recall is open.
 */
public class RecallService {

    private static final Logger log = LoggerFactory.getLogger(RecallService.class);

    private final Catalog catalog;
    private final Recalls recalls;
    private final Courses courses;
    private final Clock clock;

    /** What the recalls ask of the courses (read by id when needed). */
    public interface Courses {

        /** The course's patient, if the course exists. */
        java.util.Optional<String> patientOf(String courseId);

        /** Whether the course is cancelled (its sessions are cancelled first, then it). */
        boolean isCancelled(String courseId);
    }

    public RecallService(Catalog catalog, Recalls recalls, Courses courses, Clock clock) {
        this.catalog = catalog;
        this.recalls = recalls;
        this.courses = courses;
        this.clock = clock;
    }

    /** A visit was booked: noted, and the patient's open recalls for that service at that clinic close. */
    public void booked(Visit visit) {
        recalls.booked(visit.patientId(), visit.clinicId(), visit.serviceId(), visit.appointmentId());
        close(visit.patientId(), RecallClosed.BOOKED, recall -> recall.clinicId().equals(visit.clinicId())
                && recall.serviceId().equals(visit.serviceId()));
    }

    /** A visit was cancelled: a session of a course still running opens a recall. */
    public void cancelled(Visit visit) {
        recalls.ended(visit.patientId(), visit.clinicId(), visit.serviceId(), visit.appointmentId());
        PatientFile patient = recalls.patient(visit.patientId());
        String courseId = patient.courseOfSession().get(visit.appointmentId());
        if (courseId != null && !patient.cancelledCourses().contains(courseId) && !courses.isCancelled(courseId)) {
            open(Recall.sessionNotBooked(visit, courseId, clock.instant()));
        }
    }

    /** A visit was missed: no longer booked. */
    public void missed(Visit visit) {
        recalls.ended(visit.patientId(), visit.clinicId(), visit.serviceId(), visit.appointmentId());
    }

    /**
     * A visit was completed: a consultation whose treatment (a service of the clinic that needs it) is not booked opens
     * a recall for each such treatment.
     */
    public void completed(Visit visit) {
        List<ClinicService> treatments = catalog.services(visit.clinicId()).stream()
                .filter(service -> service.prerequisite() != null
                        && service.prerequisite().serviceId().equals(visit.serviceId())).toList();
        if (!treatments.isEmpty()) {
            PatientFile patient = recalls.patient(visit.patientId());
            for (ClinicService treatment : treatments) {
                if (!patient.hasBooked(visit.clinicId(), treatment.id())) {
                    open(Recall.treatmentNotBooked(visit, treatment.id(),
                            treatment.isProvidedBy(visit.practitionerId()) ? visit.practitionerId() : null,
                            clock.instant()));
                }
            }
        }
        recalls.ended(visit.patientId(), visit.clinicId(), visit.serviceId(), visit.appointmentId());
    }

    /** A course was planned: its sessions are noted (a cancelled one opens a recall). */
    public void coursePlanned(String courseId, String patientId, List<String> appointmentIds) {
        recalls.sessions(patientId, courseId, appointmentIds);
    }

    /** A course was cancelled: its recalls close, and its sessions cancelled with it open none. */
    public void courseCancelled(String courseId) {
        courses.patientOf(courseId).ifPresent(patientId -> {
            recalls.courseCancelled(patientId, courseId);
            close(patientId, RecallClosed.COURSE_CANCELLED, recall -> courseId.equals(recall.courseId()));
        });
    }

    /** The patient was erased: their recalls close. */
    public void patientErased(String patientId) {
        close(patientId, RecallClosed.PATIENT_ERASED, recall -> true);
    }

    /** The front desk dealt with it (called the patient, say): closed (again: as it is). */
    public Recall handled(String id) {
        for (int attempt = 0; attempt < 3; attempt++) {
            Recall recall = get(id);
            if (!recall.close(RecallClosed.HANDLED, clock.instant()) || recalls.update(recall)) {
                return recall; // closed before, or now
            }
        }
        return get(id);
    }

    public Recall get(String id) {
        return recalls.find(id).orElseThrow(() -> new RecallNotFoundException(id));
    }

    /** The clinic's open recalls, oldest first: the desk's "to recall" list. */
    public List<Recall> open(String clinicId) {
        return recalls.findAll(recalls.openAt(clinicId)).stream()
                .filter(recall -> recall.status() == Recall.Status.OPEN)
                .sorted(Comparator.comparing(Recall::openedAt).thenComparing(Recall::id)).toList();
    }

    private void open(Recall recall) {
        if (recalls.add(recall)) {
            log.info("Recall {} opened for patient {} at {} ({})", recall.id(), recall.patientId(), recall.clinicId(),
                    recall.reason());
        }
    }

    private void close(String patientId, String why, Predicate<Recall> which) {
        List<String> open = recalls.patient(patientId).open();
        if (open.isEmpty()) {
            return;
        }
        for (Recall recall : recalls.findAll(open)) {
            for (int attempt = 0; attempt < 3 && which.test(recall); attempt++) {
                if (!recall.close(why, clock.instant()) || recalls.update(recall)) {
                    break;
                }
                recall = get(recall.id()); // changed meanwhile
            }
        }
    }
}
