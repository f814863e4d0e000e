package com.clinicbackbone.patient.patient;

import java.time.LocalDate;
import java.util.List;

/**
 * A request to register a patient, as submitted; {@link Patient#register} checks it.
 *
 * @param language {@code en} or {@code fr}
 * @param channels {@code EMAIL} and/or {@code SMS}
 * @param clinicId the registering clinic
 */
public record Registration(String givenName, String familyName, LocalDate birthDate, String email, String phone,
                           String language, List<String> channels, String clinicId) {
}
