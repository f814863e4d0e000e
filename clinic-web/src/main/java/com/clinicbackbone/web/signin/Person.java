package com.clinicbackbone.web.signin;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * The signed-in person as their access token describes them (the claims the services decide with): the pages use it
 * only to choose what to show; every call to a service carries the person's own token, so the service decides again.
 *
 * @param name           the sign-in name (the persona, e.g. frontdesk-running-shoe)
 * @param role           FRONT_DESK, PRACTITIONER, PATIENT, OPERATOR or AUDITOR
 * @param clinicIds      the clinics the person works at (staff) or is linked to (patients)
 * @param patientId      the person's own patient record (patients)
 * @param practitionerId the person's own practitioner id (practitioners)
 */
public record Person(String name, String role, Set<String> clinicIds, String patientId, String practitionerId) {

    /** Attribute names under which {@code SecurityConfiguration} keeps the access token's claims on the user. */
    public static final String ROLE = "role";
    public static final String CLINIC_IDS = "clinic_ids";
    public static final String PATIENT_ID = "patient_id";
    public static final String PRACTITIONER_ID = "practitioner_id";

    public Person {
        clinicIds = clinicIds == null ? Set.of() : Set.copyOf(clinicIds);
    }

    /** The person behind a sign-in, or null for a visitor. */
    public static Person of(Authentication authentication) {
        if (authentication == null || !(authentication.getPrincipal() instanceof OidcUser user)) {
            return null;
        }
        Object username = user.getAttributes().get("preferred_username");
        return of(username == null ? user.getName() : username.toString(), user.getAttributes());
    }

    static Person of(String name, Map<String, Object> claims) {
        Object clinics = claims.get(CLINIC_IDS);
        Collection<?> list = clinics instanceof Collection<?> c ? c : clinics == null ? List.of() : List.of(clinics);
        return new Person(name, (String) claims.get(ROLE), Set.copyOf(list.stream().map(String::valueOf).toList()),
                (String) claims.get(PATIENT_ID), (String) claims.get(PRACTITIONER_ID));
    }

    public boolean isDesk() {
        return "FRONT_DESK".equals(role);
    }

    public boolean isPractitioner() {
        return "PRACTITIONER".equals(role);
    }

    public boolean isPatient() {
        return "PATIENT".equals(role);
    }

    public boolean worksAt(String clinicId) {
        return (isDesk() || isPractitioner()) && clinicIds.contains(clinicId);
    }

    /** Where the person starts after signing in. */
    public String home() {
        if (isDesk()) {
            return "/desk";
        }
        if (isPractitioner()) {
            return "/practitioner";
        }
        return isPatient() ? "/me" : "/";
    }
}
