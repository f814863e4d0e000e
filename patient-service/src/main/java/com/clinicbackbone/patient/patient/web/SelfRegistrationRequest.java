package com.clinicbackbone.patient.patient.web;

import com.clinicbackbone.patient.patient.SelfRegistration;
import java.time.LocalDate;

/**
 * Body of {@code POST /api/patients/self}; the domain checks the values. There is no email field: the record's email
 * is the verified email of the caller's sign-in (an {@code email} in the body is ignored).
 */
record SelfRegistrationRequest(String givenName, String familyName, LocalDate birthDate, String phone,
                               String language, String clinicId) {

    SelfRegistration toSelfRegistration() {
        return new SelfRegistration(givenName, familyName, birthDate, phone, language, clinicId);
    }
}
