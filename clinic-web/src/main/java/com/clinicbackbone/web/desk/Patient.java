package com.clinicbackbone.web.desk;

import java.time.LocalDate;
import java.util.List;

/**
 * A patient record as patient-service shows it to the desk ({@code linkedExisting}: only in the answer to a
 * registration, true when an existing record of the same person was linked to the clinic instead of a duplicate).
 */
public record Patient(String id, String givenName, String familyName, LocalDate birthDate, String email,
                      String phone, String language, List<String> clinicIds, Boolean linkedExisting) {

    public String name() {
        return ((givenName == null ? "" : givenName) + " " + (familyName == null ? "" : familyName)).strip();
    }

    public boolean linked() {
        return Boolean.TRUE.equals(linkedExisting);
    }
}
