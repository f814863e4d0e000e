package com.clinicbackbone.patient.patient;

import java.util.Arrays;
import java.util.Optional;

/** The language messages to the patient are written in. */
public enum Language {
    EN("en"), FR("fr");

    private final String code;

    Language(String code) {
        this.code = code;
    }

    /** The ISO 639-1 code, as used in the API and the events. */
    public String code() {
        return code;
    }

    public static Optional<Language> ofCode(String code) {
        return Arrays.stream(values()).filter(language -> language.code.equals(code)).findFirst();
    }
}
