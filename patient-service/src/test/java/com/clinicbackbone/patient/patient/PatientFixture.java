package com.clinicbackbone.patient.patient;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Builds a registration, valid unless a test changes it: {@link #ann()} (Ann Lee at Running Shoe, the same person as
 * the seeded demo patient) or {@link #someone()} (a person nobody registered before).
 */
public final class PatientFixture {

    public static final Set<String> CLINICS = Set.of("running-shoe", "calgary-concussion", "integrative-pain");
    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyz";

    private final Map<String, Object> fields = new LinkedHashMap<>();

    private PatientFixture(String givenName, String familyName, String birthDate, String email, String phone) {
        fields.put("givenName", givenName);
        fields.put("familyName", familyName);
        fields.put("birthDate", birthDate);
        fields.put("email", email);
        fields.put("phone", phone);
        fields.put("language", "en");
        fields.put("channels", List.of("EMAIL", "SMS"));
        fields.put("clinicId", "running-shoe");
    }

    public static PatientFixture ann() {
        return new PatientFixture("Ann", "Lee", "1984-03-02", "ann.lee@example.org", "+14035550123");
    }

    /** A new person each time: random family name, email and Calgary mobile number. */
    public static PatientFixture someone() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        StringBuilder family = new StringBuilder("Q");
        for (int i = 0; i < 10; i++) {
            family.append(LETTERS.charAt(random.nextInt(LETTERS.length())));
        }
        String phone = "+1403" + (200 + random.nextInt(800)) + String.format("%04d", random.nextInt(10_000));
        return new PatientFixture("Sam", family.toString(), "1990-07-15",
                "sam." + family.toString().toLowerCase() + "@example.org", phone);
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

    /** Adds a consent ({@code channel}, {@code granted}, {@code method}) to the registration. */
    @SuppressWarnings("unchecked")
    public PatientFixture withConsent(String channel, boolean granted, String method) {
        List<Object> consents = new java.util.ArrayList<>((List<Object>) fields.getOrDefault("consents", List.of()));
        consents.add(Map.of("channel", channel, "granted", granted, "method", method));
        fields.put("consents", consents);
        return this;
    }

    public Object get(String field) {
        return fields.get(field);
    }

    /** The request body, to be written as JSON. */
    public Map<String, Object> toJson() {
        return new LinkedHashMap<>(fields);
    }

    @SuppressWarnings("unchecked")
    public Registration toRegistration() {
        Object birthDate = fields.get("birthDate");
        List<Map<String, Object>> consents = (List<Map<String, Object>>) fields.get("consents");
        return new Registration((String) fields.get("givenName"), (String) fields.get("familyName"),
                birthDate instanceof String text ? LocalDate.parse(text) : (LocalDate) birthDate,
                (String) fields.get("email"), (String) fields.get("phone"), (String) fields.get("language"),
                (List<String>) fields.get("channels"), (String) fields.get("clinicId"),
                consents == null ? null : consents.stream().map(consent -> new ConsentChange(
                        (String) consent.get("channel"), (Boolean) consent.get("granted"),
                        (String) consent.get("method"))).toList());
    }
}
