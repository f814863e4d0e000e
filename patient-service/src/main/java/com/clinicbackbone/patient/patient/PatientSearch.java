package com.clinicbackbone.patient.patient;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * What staff search patients by; every given criterion must match. Values are normalised like the stored ones:
 * the name without case and accents (matching any part of given and family name), the phone as E.164, the email
 * in lower case.
 */
public record PatientSearch(String nameKey, String phone, String email, LocalDate birthDate) {

    /**
     * Checks and normalises the criteria as submitted.
     *
     * @throws InvalidPatientException naming the wrong criteria, or {@code query} when none is given
     */
    public static PatientSearch of(String name, String phone, String email, String birthDate) {
        List<Violation> violations = PatientRules.none();
        String nameValue = PatientRules.blankToNull(name);
        String phoneValue = PatientRules.blankToNull(phone);
        String emailValue = PatientRules.blankToNull(email);
        String birthDateValue = PatientRules.blankToNull(birthDate);
        if (nameValue == null && phoneValue == null && emailValue == null && birthDateValue == null) {
            violations.add(new Violation("query", "needs at least one of name, phone, email, birthDate"));
        }
        String nameKey = null;
        if (nameValue != null) {
            nameKey = IdentityKey.of(PatientRules.name("name", nameValue, violations));
        }
        String e164 = null;
        if (phoneValue != null) {
            e164 = phoneValue.length() > 32 ? null : PatientRules.normalisedPhone(phoneValue);
            if (e164 == null) {
                violations.add(new Violation("phone", "must be a valid phone number with its country code"));
            }
        }
        if (emailValue != null && emailValue.length() > PatientRules.MAX_EMAIL_LENGTH) {
            violations.add(new Violation("email", "must be at most " + PatientRules.MAX_EMAIL_LENGTH + " characters"));
        }
        LocalDate date = null;
        if (birthDateValue != null) {
            try {
                date = LocalDate.parse(birthDateValue);
            } catch (DateTimeParseException e) {
                violations.add(new Violation("birthDate", "must be a date like 1984-03-02"));
            }
        }
        PatientRules.throwIfAny(violations);
        return new PatientSearch(nameKey, e164, emailValue == null ? null : emailValue.toLowerCase(Locale.ROOT), date);
    }

    /** Whether an active patient meets every given criterion. */
    public boolean matches(Patient patient) {
        return patient.isActive()
                && (nameKey == null || patient.nameKey().contains(nameKey))
                && (phone == null || phone.equals(patient.phone()))
                && (email == null || email.equals(patient.email()))
                && (birthDate == null || birthDate.equals(patient.birthDate()));
    }
}
