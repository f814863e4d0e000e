package com.clinicbackbone.patient.patient;

import java.util.Collection;
import java.util.Set;

/**
 * Who asks, as the sign-in token describes them (ids only).
 *
 * @param subject   the token subject
 * @param clinicIds the clinics a staff member works at
 * @param patientId the caller's own patient id (PATIENT only)
 */
public record Actor(String subject, Role role, Set<String> clinicIds, String patientId) {

    /** The roles of the backbone's sign-in. */
    public enum Role {
        FRONT_DESK, PRACTITIONER, PATIENT, OPERATOR, AUDITOR
    }

    public Actor {
        clinicIds = clinicIds == null ? Set.of() : Set.copyOf(clinicIds);
    }

    boolean is(Role expected) {
        return role == expected;
    }

    /** Front desk or practitioner working at one of the clinics. */
    boolean worksAtAnyOf(Collection<String> clinics) {
        return (role == Role.FRONT_DESK || role == Role.PRACTITIONER) && clinics.stream().anyMatch(clinicIds::contains);
    }

    boolean isPatient(String id) {
        return role == Role.PATIENT && patientId != null && patientId.equals(id);
    }
}
