package com.clinicbackbone.patient.patient;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Names reduced for comparison: Unicode compatibility decomposition, accents (combining marks) dropped, case folded,
 * typographic apostrophes and runs of spaces unified. {@code "Lée"}, {@code "LEE"} and {@code "lee"} compare equal.
 */
public final class IdentityKey {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private IdentityKey() {
    }

    public static String of(String name) {
        if (name == null) {
            return null;
        }
        String decomposed = Normalizer.normalize(name, Normalizer.Form.NFKD);
        String folded = MARKS.matcher(decomposed).replaceAll("").toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT)
                .replace('’', '\'');
        return SPACES.matcher(folded.strip()).replaceAll(" ");
    }
}
