package com.clinicbackbone.booking.appointment.web;

import com.clinicbackbone.booking.appointment.Appointment;
import com.clinicbackbone.booking.appointment.Party;
import com.clinicbackbone.booking.clinic.Practitioner;
import com.clinicbackbone.security.Caller;
import com.clinicbackbone.security.Role;
import org.springframework.security.access.AccessDeniedException;

/**
 * Who may see and change which appointment (issues 3 and 4). The role gates are {@code @PreAuthorize} on the
 * controller; these are the rules that depend on the appointment or the request:
 * <ul>
 *   <li>FRONT_DESK: appointments of their own clinic(s): books (walk-ins too), confirms, checks in, completes, marks
 *       no-shows, cancels and reschedules there (a booking elsewhere is 403); the day of their clinic, and a
 *       practitioner's day limited to their clinics.</li>
 *   <li>PRACTITIONER: reads their own appointments at every clinic and completes them; their own day.</li>
 *   <li>PATIENT: reads, confirms, cancels and reschedules their own appointments (not inside the late-cancellation
 *       window); books for themself only (otherwise 403), never a walk-in.</li>
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
    static void requireMayBook(Caller caller, String clinicId, String patientId, boolean walkIn) {
        if (caller.is(Role.FRONT_DESK) && !caller.worksAt(clinicId)) {
            throw new AccessDeniedException("front desk of other clinics");
        }
        if (caller.is(Role.PATIENT) && !caller.isPatient(patientId)) {
            throw new AccessDeniedException("a patient books for themself only");
        }
        if (!caller.is(Role.FRONT_DESK) && !caller.is(Role.PATIENT)) {
            throw new AccessDeniedException("role may not book");
        }
        if (walkIn && !caller.is(Role.FRONT_DESK)) {
            throw new AccessDeniedException("only the front desk books walk-ins");
        }
    }

    /** A patient acts for themself (online rules apply); staff act for the clinic. */
    static Party partyOf(Caller caller) {
        return caller.is(Role.PATIENT) ? Party.PATIENT : Party.CLINIC;
    }

    /** The day of a clinic: its front desk only. */
    static void requireMaySeeDayOf(Caller caller, String clinicId) {
        if (!caller.is(Role.FRONT_DESK) || !caller.worksAt(clinicId)) {
            throw new AccessDeniedException("the day of a clinic is for its front desk");
        }
    }

    /** A patient's appointments: the patient their own; staff those they may see (filtered by {@link #maySee}). */
    static void requireMayListOf(Caller caller, String patientId) {
        if (caller.is(Role.PATIENT) && !caller.isPatient(patientId)) {
            throw new AccessDeniedException("a patient sees their own appointments only");
        }
        if (caller.is(Role.OPERATOR) || caller.is(Role.AUDITOR)) {
            throw new AccessDeniedException("role may not see appointments");
        }
    }

    /** Asked before the practitioner is looked up: a practitioner sees their own day only. */
    static void requireMayAskForDayOf(Caller caller, String practitionerId) {
        if (caller.is(Role.PRACTITIONER) && !caller.isPractitioner(practitionerId)) {
            throw new AccessDeniedException("a practitioner sees their own day only");
        }
        if (!caller.is(Role.PRACTITIONER) && !caller.is(Role.FRONT_DESK)) {
            throw new AccessDeniedException("role may not see a practitioner's day");
        }
    }

    /** The front desk sees the day of a practitioner who works at one of their clinics (those entries only). */
    static void requireMaySeeDayOf(Caller caller, Practitioner practitioner) {
        requireMayAskForDayOf(caller, practitioner.id());
        if (caller.is(Role.FRONT_DESK) && practitioner.clinicIds().stream().noneMatch(caller::worksAt)) {
            throw new AccessDeniedException("practitioner works at none of the caller's clinics");
        }
    }
}
