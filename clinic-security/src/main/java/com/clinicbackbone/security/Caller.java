package com.clinicbackbone.security;

import java.util.Collection;
import java.util.Set;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The signed-in caller as the token describes them. Resolved for any controller method parameter of this type.
 *
 * @param clinicIds the clinics the caller works at (staff) or is linked to (patients)
 * @param patientId the caller's own patient id (PATIENT only)
 * @param practitionerId the caller's own practitioner id (PRACTITIONER only)
 */
public record Caller(String subject, Role role, Set<String> clinicIds, String patientId, String practitionerId) {

    public static final String ROLE = "role";
    public static final String CLINIC_IDS = "clinic_ids";
    public static final String PATIENT_ID = "patient_id";
    public static final String PRACTITIONER_ID = "practitioner_id";

    public Caller {
        clinicIds = clinicIds == null ? Set.of() : Set.copyOf(clinicIds);
    }

    /** Reads the caller from a validated token; a token without a known role is refused. */
    public static Caller of(Jwt jwt) {
        String role = jwt.getClaimAsString(ROLE);
        if (role == null) {
            throw new IllegalArgumentException("token has no role claim");
        }
        Object clinics = jwt.getClaim(CLINIC_IDS);
        Set<String> clinicIds = clinics instanceof Collection<?> list
                ? Set.copyOf(list.stream().map(String::valueOf).toList())
                : clinics == null ? Set.of() : Set.of(String.valueOf(clinics));
        return new Caller(jwt.getSubject(), Role.valueOf(role), clinicIds, jwt.getClaimAsString(PATIENT_ID),
                jwt.getClaimAsString(PRACTITIONER_ID));
    }

    public boolean is(Role expected) {
        return role == expected;
    }

    public boolean worksAt(String clinicId) {
        return (role == Role.FRONT_DESK || role == Role.PRACTITIONER) && clinicIds.contains(clinicId);
    }

    public boolean isPatient(String id) {
        return role == Role.PATIENT && patientId != null && patientId.equals(id);
    }

    public boolean isPractitioner(String id) {
        return role == Role.PRACTITIONER && practitionerId != null && practitionerId.equals(id);
    }
}
