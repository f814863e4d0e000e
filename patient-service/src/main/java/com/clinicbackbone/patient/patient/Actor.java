package com.clinicbackbone.patient.patient;

import java.util.Collection;
import java.util.Set;

/**
 * Who asks, as the sign-in token describes them (ids only).
 *
 * @param subject        the token subject
 * @param clinicIds      the clinics a staff member works at
 * @param patientId      the caller's own patient id (PATIENT only)
 * @param practitionerId the caller's own practitioner id (PRACTITIONER only)
 */
public record Actor(String subject, Role role, Set<String> clinicIds, String patientId, String practitionerId) {

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

    /** A front desk working at one of the clinics. */
    boolean isFrontDeskAtAnyOf(Collection<String> clinics) {
        return role == Role.FRONT_DESK && clinics.stream().anyMatch(clinicIds::contains);
    }

    boolean isPatient(String id) {
        return role == Role.PATIENT && patientId != null && patientId.equals(id);
    }

    /** A practitioner with a practitioner id (a token without one is on no appointment). */
    boolean isNamedPractitioner() {
        return role == Role.PRACTITIONER && practitionerId != null && !practitionerId.isBlank();
    }
}
