package com.clinicbackbone.patient.patient;

import java.time.LocalDate;
import java.util.List;

/**
 * A request to register a patient, as submitted; {@link Patient#register} checks it.
 *
 * @param language {@code en} or {@code fr}
 * @param channels {@code EMAIL} and/or {@code SMS}
 * @param clinicId the registering clinic
 * @param consents optional: consents given at registration
 */
public record Registration(String givenName, String familyName, LocalDate birthDate, String email, String phone,
                           String language, List<String> channels, String clinicId, List<ConsentChange> consents) {

    public Registration(String givenName, String familyName, LocalDate birthDate, String email, String phone,
                        String language, List<String> channels, String clinicId) {
        this(givenName, familyName, birthDate, email, phone, language, channels, clinicId, null);
    }
}
