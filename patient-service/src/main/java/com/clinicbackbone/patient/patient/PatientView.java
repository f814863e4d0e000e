package com.clinicbackbone.patient.patient;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A patient as one caller may see it: what they are not entitled to is null (or left out of the lists).
 *
 * @param clinicId  the registering clinic, when the caller may see it
 * @param clinicIds the linked clinics the caller may see
 */
public record PatientView(String id, String givenName, String familyName, LocalDate birthDate, String email,
                          String phone, Language language, List<Channel> channels, List<Consent> consents,
                          String clinicId, List<String> clinicIds, long revision, Instant registeredAt) {
}
