package com.clinicbackbone.booking.course.web;

import com.clinicbackbone.booking.course.Course;
import com.clinicbackbone.security.Caller;
import com.clinicbackbone.security.Role;
import org.springframework.security.access.AccessDeniedException;

/**
 * Who may see and change which course. Role gates are {@code @PreAuthorize} on the controller; these are the rules
 * that depend on the course or the request:
 * <ul>
 *   <li>FRONT_DESK: plans courses at their clinic(s) (elsewhere 403), reads, moves and cancels them there; lists a
 *       patient's courses at their clinics.</li>
 *   <li>PRACTITIONER: reads the courses they treat.</li>
 *   <li>PATIENT: reads and lists their own courses.</li>
 * </ul>
 * A course the caller may not see answers 404, like an unknown id.
 */
final class CourseAccess {

    private CourseAccess() {
    }

    static boolean maySee(Caller caller, Course course) {
        return switch (caller.role()) {
            case FRONT_DESK -> caller.worksAt(course.clinicId());
            case PRACTITIONER -> caller.isPractitioner(course.practitionerId());
            case PATIENT -> caller.isPatient(course.patientId());
            case OPERATOR, AUDITOR -> false;
        };
    }

    static void requireMayPlan(Caller caller, String clinicId) {
        if (!caller.is(Role.FRONT_DESK) || !caller.worksAt(clinicId)) {
            throw new AccessDeniedException("courses are planned by the front desk of their clinic");
        }
    }

    /** A patient lists their own courses only (the front desk's list is limited to their clinics). */
    static void requireMayList(Caller caller, String patientId) {
        if (caller.is(Role.PATIENT) && !caller.isPatient(patientId)) {
            throw new AccessDeniedException("a patient lists their own courses only");
        }
        if (!caller.is(Role.PATIENT) && !caller.is(Role.FRONT_DESK)) {
            throw new AccessDeniedException("role may not list courses");
        }
    }
}
