package com.clinicbackbone.notification.notification;

/**
 * How long an SMS is on the air: GSM-7 (160 characters in one segment, 153 per segment when split; the
 * extension table's characters take two) when every character is in the GSM 03.38 alphabet, UCS-2 otherwise
 * (70 in one segment, 67 per segment when split; counted in UTF-16 units).
 */
public final class SmsSegments {

    /** The GSM 03.38 basic character set (one septet each). */
    static final String GSM7_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    /** The extension table, reached with an escape (two septets each). */
    static final String GSM7_EXTENSION = "\f^{}\\[~]|€";

    private SmsSegments() {
    }

    /** @param length characters (GSM-7 septets or UCS-2 units) */
    public record Measure(String encoding, int length, int segments) {
    }

    public static Measure measure(String text) {
        if (isGsm7(text)) {
            int septets = text.chars().map(c -> GSM7_EXTENSION.indexOf(c) >= 0 ? 2 : 1).sum();
            return new Measure("GSM-7", septets, segments(septets, 160, 153));
        }
        return new Measure("UCS-2", text.length(), segments(text.length(), 70, 67));
    }

    public static boolean isGsm7(String text) {
        return text.chars().allMatch(c -> GSM7_BASIC.indexOf(c) >= 0 || GSM7_EXTENSION.indexOf(c) >= 0);
    }

    private static int segments(int length, int single, int perPart) {
        return length <= single ? 1 : (length + perPart - 1) / perPart;
    }
}
