package com.clinicbackbone.patient.patient.web;

import com.clinicbackbone.patient.patient.Registration;
import java.time.LocalDate;
import java.util.List;

/** Body of {@code POST /api/patients}; the domain checks the values. {@code consents} is optional. */
record RegisterPatientRequest(String givenName, String familyName, LocalDate birthDate, String email, String phone,
                              String language, List<String> channels, String clinicId,
                              List<ConsentRequest> consents) {

    Registration toRegistration() {
        return new Registration(givenName, familyName, birthDate, email, phone, language, channels, clinicId,
                ConsentRequest.toChanges(consents));
    }
}
