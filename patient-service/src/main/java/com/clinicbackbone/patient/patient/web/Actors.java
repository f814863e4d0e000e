package com.clinicbackbone.patient.patient.web;

import com.clinicbackbone.patient.patient.Actor;
import com.clinicbackbone.security.Caller;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.servlet.HandlerMapping;

/** Translates the signed-in {@link Caller} and the request into the domain's terms. */
final class Actors {

    private Actors() {
    }

    static Actor of(Caller caller) {
        return new Actor(caller.subject(), Actor.Role.valueOf(caller.role().name()), caller.clinicIds(),
                caller.patientId(), caller.practitionerId());
    }

    /**
     * The sign-in's email if the issuer verified it ({@code email_verified} true, as Keycloak and the local issuer
     * write it), else null.
     */
    static String verifiedEmail(Jwt token) {
        if (token == null) {
            return null;
        }
        Object verified = token.getClaims().get("email_verified");
        boolean isVerified = Boolean.TRUE.equals(verified) || "true".equals(verified);
        return isVerified && token.getClaims().get("email") instanceof String email ? email : null;
    }

    /** Why a record is read, for the access log: the HTTP method and the endpoint pattern (never the query). */
    static String purpose(HttpServletRequest request) {
        return request.getMethod() + " " + request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
    }
}
