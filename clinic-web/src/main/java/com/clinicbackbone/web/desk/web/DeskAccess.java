package com.clinicbackbone.web.desk.web;

import com.clinicbackbone.web.signin.Person;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;

/**
 * A desk page of a clinic is for that clinic's front desk only: another clinic's (or an unknown one) gets the
 * "not yours to see" page before any service is asked. The services check again with the desk's own token.
 */
final class DeskAccess {

    private DeskAccess() {
    }

    static Person requireDeskOf(Authentication authentication, String clinicId) {
        Person person = Person.of(authentication);
        if (person == null || !person.isDesk() || !person.worksAt(clinicId)) {
            throw new AccessDeniedException("not a clinic of this desk");
        }
        return person;
    }
}
