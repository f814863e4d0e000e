package com.clinicbackbone.booking.recall;

import com.clinicbackbone.events.RecallClosed;
import com.clinicbackbone.events.RecallOpened;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * A patient to invite to book: a course session cancelled and not moved, or a treatment not booked after the
 * consultation it needs. OPEN until the patient books the service at the clinic, the course is cancelled, the front
 * desk handles it or the patient is erased; then CLOSED for good. Its id is made from what opened it, so the same
 * fact never opens two.
 */
public final class Recall {

    /** Where a recall stands. */
    public enum Status {
        OPEN, CLOSED
    }

    private final String id;
    private final String patientId;
    private final String clinicId;
    private final String serviceId;
    private final String practitionerId;
    private final String reason;
    private final String appointmentId;
    private final String courseId;
    private final Instant openedAt;
    private Status status;
    private String closedReason;
    private Instant closedAt;
    private long revision;
    private final long loadedRevision;
    private final List<Object> events = new ArrayList<>();

    private Recall(String id, String patientId, String clinicId, String serviceId, String practitionerId,
                   String reason, String appointmentId, String courseId, Instant openedAt, Status status,
                   String closedReason, Instant closedAt, long revision, long loadedRevision) {
        this.id = id;
        this.patientId = patientId;
        this.clinicId = clinicId;
        this.serviceId = serviceId;
        this.practitionerId = practitionerId;
        this.reason = reason;
        this.appointmentId = appointmentId;
        this.courseId = courseId;
        this.openedAt = openedAt;
        this.status = status;
        this.closedReason = closedReason;
        this.closedAt = closedAt;
        this.revision = revision;
        this.loadedRevision = loadedRevision;
    }

    /** A cancelled session of a course still running: the patient is to book the course's service again. */
    static Recall sessionNotBooked(Visit session, String courseId, Instant now) {
        return open("session:" + session.appointmentId(), session, session.serviceId(), session.practitionerId(),
                RecallOpened.SESSION_NOT_BOOKED, courseId, now);
    }

    /** A completed consultation whose treatment ({@code serviceId}) is not booked. */
    static Recall treatmentNotBooked(Visit consultation, String serviceId, String practitionerId, Instant now) {
        return open("treatment:" + consultation.appointmentId() + ":" + serviceId, consultation, serviceId,
                practitionerId, RecallOpened.TREATMENT_NOT_BOOKED, null, now);
    }

    private static Recall open(String id, Visit visit, String serviceId, String practitionerId, String reason,
                               String courseId, Instant now) {
        Instant at = now.truncatedTo(ChronoUnit.MILLIS);
        Recall recall = new Recall(id, visit.patientId(), visit.clinicId(), serviceId, practitionerId, reason,
                visit.appointmentId(), courseId, at, Status.OPEN, null, null, 1, 0);
        recall.events.add(new RecallOpened(id, visit.patientId(), visit.clinicId(), serviceId, practitionerId, reason,
                visit.appointmentId(), courseId, at));
        return recall;
    }

    /** A recall as it was stored. */
    public static Recall restore(String id, String patientId, String clinicId, String serviceId,
                                 String practitionerId, String reason, String appointmentId, String courseId,
                                 Instant openedAt, Status status, String closedReason, Instant closedAt,
                                 long revision) {
        return new Recall(id, patientId, clinicId, serviceId, practitionerId, reason, appointmentId, courseId,
                openedAt, status, closedReason, closedAt, revision, revision);
    }

    /** Closes it for the reason (a {@link RecallClosed} code); false, and nothing changes, when it is closed already. */
    boolean close(String why, Instant now) {
        if (status == Status.CLOSED) {
            return false;
        }
        status = Status.CLOSED;
        closedReason = why;
        closedAt = now.truncatedTo(ChronoUnit.MILLIS);
        revision++;
        events.add(new RecallClosed(id, patientId, clinicId, why, closedAt));
        return true;
    }

    public List<Object> events() {
        return List.copyOf(events);
    }

    public String id() {
        return id;
    }

    public String patientId() {
        return patientId;
    }

    public String clinicId() {
        return clinicId;
    }

    /** What the patient is to book. */
    public String serviceId() {
        return serviceId;
    }

    /** Whom with, if known (the course's or the consultation's practitioner, when they provide the service). */
    public String practitionerId() {
        return practitionerId;
    }

    /** {@link RecallOpened#SESSION_NOT_BOOKED} or {@link RecallOpened#TREATMENT_NOT_BOOKED}. */
    public String reason() {
        return reason;
    }

    public String appointmentId() {
        return appointmentId;
    }

    public String courseId() {
        return courseId;
    }

    public Instant openedAt() {
        return openedAt;
    }

    public Status status() {
        return status;
    }

    public String closedReason() {
        return closedReason;
    }

    public Instant closedAt() {
        return closedAt;
    }

    public long revision() {
        return revision;
    }

    /** The revision it was loaded at (0: new): what the store's compare-and-set expects. */
    public long loadedRevision() {
        return loadedRevision;
    }
}
