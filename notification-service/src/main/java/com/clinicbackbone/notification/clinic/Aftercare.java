package com.clinicbackbone.notification.clinic;

import java.util.Locale;

/** What a patient should know after a visit for a clinic's service, in English and French. */
public record Aftercare(String clinicId, String serviceId, String english, String french) {

    public Aftercare {
        if (english == null || english.isBlank()) {
            throw new IllegalArgumentException("aftercare for " + clinicId + "/" + serviceId + " needs an English text");
        }
    }

    /** The text in the patient's language (French when there is one, English otherwise). */
    public String text(String language) {
        boolean french = language != null && language.toLowerCase(Locale.ROOT).startsWith("fr");
        return french && french() != null && !french().isBlank() ? french() : english();
    }
}
