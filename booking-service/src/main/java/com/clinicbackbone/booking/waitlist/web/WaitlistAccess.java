package com.clinicbackbone.booking.waitlist.web;

import com.clinicbackbone.booking.waitlist.WaitlistEntry;
import com.clinicbackbone.security.Caller;
import com.clinicbackbone.security.Role;
import org.springframework.security.access.AccessDeniedException;

/**
 * Who may see and change which waitlist entry (role gates are {@code @PreAuthorize} on the controller):
 * <ul>
 *   <li>FRONT_DESK: adds, reads, lists and withdraws the entries of their clinic(s) (another clinic: 403 to add or
 *       list, 404 for an entry).</li>
 *   <li>PATIENT: adds, reads and withdraws their own entries only.</li>
 * </ul>
 */
final class WaitlistAccess {

    private WaitlistAccess() {
    }

    static boolean maySee(Caller caller, WaitlistEntry entry) {
        return switch (caller.role()) {
            case FRONT_DESK -> caller.worksAt(entry.clinicId());
            case PATIENT -> caller.isPatient(entry.patientId());
            case PRACTITIONER, OPERATOR, AUDITOR -> false;
        };
    }

    static void requireMayAdd(Caller caller, String clinicId, String patientId) {
        if (caller.is(Role.FRONT_DESK) && !caller.worksAt(clinicId)) {
            throw new AccessDeniedException("the front desk adds to the waitlist of their clinic only");
        }
        if (caller.is(Role.PATIENT) && !caller.isPatient(patientId)) {
            throw new AccessDeniedException("a patient puts themself on the waitlist only");
        }
    }

    static void requireMayList(Caller caller, String clinicId) {
        if (!caller.is(Role.FRONT_DESK) || !caller.worksAt(clinicId)) {
            throw new AccessDeniedException("the front desk lists the waitlist of their clinic only");
        }
    }
}
