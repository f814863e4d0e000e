package com.clinicbackbone.system;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** A patient with details distinctive enough to be searched for in databases, topics and logs. */
record PatientData(String givenName, String familyName, String birthDate, String email, String phone) {

    static PatientData distinctive() {
        var random = ThreadLocalRandom.current();
        String tag = "" + (char) ('a' + random.nextInt(26)) + (char) ('a' + random.nextInt(26))
                + (char) ('a' + random.nextInt(26));
        return new PatientData("Zephyrine" + tag, "Quillfeather" + tag,
                String.format("19%02d-0%d-1%d", 50 + random.nextInt(40), 1 + random.nextInt(9), random.nextInt(10)),
                "zq." + tag + random.nextInt(1000) + "@example.org",
                "+1403555" + String.format("%04d", random.nextInt(10_000)));
    }

    Map<String, Object> registration(String clinicId) {
        return Map.of("givenName", givenName, "familyName", familyName, "birthDate", birthDate, "email", email,
                "phone", phone, "language", "en", "channels", List.of("EMAIL", "SMS"), "clinicId", clinicId);
    }

    /** What must never appear outside patient-service and the contact topic. */
    List<String> personalValues() {
        return List.of(givenName, familyName, birthDate, email, phone);
    }
}
