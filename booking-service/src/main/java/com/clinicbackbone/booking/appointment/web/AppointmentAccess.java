package com.clinicbackbone.booking.appointment.web;

import com.clinicbackbone.booking.appointment.Appointment;
import com.clinicbackbone.security.Caller;
import com.clinicbackbone.security.Role;
import org.springframework.security.access.AccessDeniedException;

/**
 * Who may see and change which appointment (issue 3). The role gates are {@code @PreAuthorize} on the controller;
 * these are the rules that depend on the appointment or the request:
 * <ul>
 *   <li>FRONT_DESK: appointments of their own clinic(s); books only there (elsewhere 403).</li>
 *   <li>PRACTITIONER: reads their own appointments, at every clinic.</li>
 *   <li>PATIENT: reads and cancels their own appointments; books for themself only (otherwise 403).</li>
 * </ul>
 * An appointment the caller may not see answers 404, exactly like an unknown id: its existence must not leak.
 */
final class AppointmentAccess {

    private AppointmentAccess() {
    }

    static boolean maySee(Caller caller, Appointment appointment) {
        return switch (caller.role()) {
            case FRONT_DESK -> caller.worksAt(appointment.clinicId());
            case PRACTITIONER -> caller.isPractitioner(appointment.practitionerId());
            case PATIENT -> caller.isPatient(appointment.patientId());
            case OPERATOR, AUDITOR -> false;
        };
    }

    /** FRONT_DESK and PATIENT only (the role gate is on the controller); the rest depends on the request. */
    static void requireMayBook(Caller caller, String clinicId, String patientId) {
        if (caller.is(Role.FRONT_DESK) && !caller.worksAt(clinicId)) {
            throw new AccessDeniedException("front desk of other clinics");
        }
        if (caller.is(Role.PATIENT) && !caller.isPatient(patientId)) {
            throw new AccessDeniedException("a patient books for themself only");
        }
        if (!caller.is(Role.FRONT_DESK) && !caller.is(Role.PATIENT)) {
            throw new AccessDeniedException("role may not book");
        }
    }
}
