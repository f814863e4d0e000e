package com.clinicbackbone.patient.patient;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds a registration of Ann Lee at Running Shoe, valid unless a test changes it. */
public final class PatientFixture {

    public static final Set<String> CLINICS = Set.of("running-shoe", "calgary-concussion", "integrative-pain");

    private final Map<String, Object> fields = new LinkedHashMap<>();

    private PatientFixture() {
        fields.put("givenName", "Ann");
        fields.put("familyName", "Lee");
        fields.put("birthDate", "1984-03-02");
        fields.put("email", "ann.lee@example.org");
        fields.put("phone", "+14035550123");
        fields.put("language", "en");
        fields.put("channels", List.of("EMAIL", "SMS"));
        fields.put("clinicId", "running-shoe");
    }

    public static PatientFixture ann() {
        return new PatientFixture();
    }

    /** Sets a field to any JSON value, also one of the wrong type. */
    public PatientFixture with(String field, Object value) {
        fields.put(field, value);
        return this;
    }

    public PatientFixture without(String field) {
        fields.remove(field);
        return this;
    }

    /** The request body, to be written as JSON. */
    public Map<String, Object> toJson() {
        return new LinkedHashMap<>(fields);
    }

    @SuppressWarnings("unchecked")
    public Registration toRegistration() {
        Object birthDate = fields.get("birthDate");
        return new Registration((String) fields.get("givenName"), (String) fields.get("familyName"),
                birthDate instanceof String text ? LocalDate.parse(text) : (LocalDate) birthDate,
                (String) fields.get("email"), (String) fields.get("phone"), (String) fields.get("language"),
                (List<String>) fields.get("channels"), (String) fields.get("clinicId"));
    }
}
