package com.clinicbackbone.patient.patient;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/** The two demo patients of the sign-in personas {@code patient-ann-lee} and {@code patient-ben-roy}, fixed ids. */
public final class DemoPatients {

    public static final String ANN_LEE_ID = "11111111-1111-4111-8111-111111111111";
    public static final String BEN_ROY_ID = "22222222-2222-4222-8222-222222222222";
    static final String CONSENT_METHOD = "demo data";

    private DemoPatients() {
    }

    /** Registered at {@code now}, consents to their chosen channels recorded as given. */
    static List<Patient> at(Set<String> knownClinicIds, Instant now) {
        return List.of(
                Patient.register(ANN_LEE_ID, new Registration("Ann", "Lee", LocalDate.of(1984, 3, 2),
                        "ann.lee@example.org", "+14035550123", "en", List.of("EMAIL", "SMS"), "running-shoe",
                        List.of(new ConsentChange("EMAIL", true, CONSENT_METHOD),
                                new ConsentChange("SMS", true, CONSENT_METHOD))), knownClinicIds, now),
                Patient.register(BEN_ROY_ID, new Registration("Ben", "Roy", LocalDate.of(1971, 11, 20),
                        "ben.roy@example.org", "+14035550188", "fr", List.of("SMS"), "integrative-pain",
                        List.of(new ConsentChange("SMS", true, CONSENT_METHOD))), knownClinicIds, now));
    }
}
