package com.clinicbackbone.patient.patient.web;

import com.clinicbackbone.patient.patient.Actor;
import com.clinicbackbone.security.Caller;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.servlet.HandlerMapping;

/** Translates the signed-in {@link Caller} and the request into the domain's terms. */
final class Actors {

    private Actors() {
    }

    static Actor of(Caller caller) {
        return new Actor(caller.subject(), Actor.Role.valueOf(caller.role().name()), caller.clinicIds(),
                caller.patientId(), caller.practitionerId());
    }

    /** Why a record is read, for the access log: the HTTP method and the endpoint pattern (never the query). */
    static String purpose(HttpServletRequest request) {
        return request.getMethod() + " " + request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
    }
}
