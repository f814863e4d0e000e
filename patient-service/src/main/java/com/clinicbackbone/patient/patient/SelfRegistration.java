package com.clinicbackbone.patient.patient;

import java.time.LocalDate;
import java.util.List;

/**
 * What a person signing up submits for their own record; the email is never part of it: it is the verified email of
 * their sign-in (see {@link PatientRegistry#registerSelf}).
 *
 * @param phone    optional
 * @param language {@code en} or {@code fr}
 * @param clinicId the clinic the person signs up at
 */
public record SelfRegistration(String givenName, String familyName, LocalDate birthDate, String phone,
                               String language, String clinicId) {

    /** The registration of a record with this email, messages by email (the address the person just proved). */
    Registration withEmail(String email) {
        return new Registration(givenName, familyName, birthDate, email, phone, language, List.of("EMAIL"), clinicId);
    }
}
