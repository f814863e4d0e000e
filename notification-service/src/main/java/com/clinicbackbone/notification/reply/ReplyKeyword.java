package com.clinicbackbone.notification.reply;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;

/**
 * What an inbound SMS asks for, read from its first word: trimmed, without accents or surrounding punctuation,
 * case-insensitive ({@code "  arrêt."} is ARRET). {@code keyword} is that word as recognised, or null for anything
 * else (the text itself is never kept).
 */
public record ReplyKeyword(String keyword, Action action) {

    /** What the reply asks for. */
    public enum Action {
        OPT_OUT, OPT_IN, CONFIRM, CANCEL, HELP,
        /** Y or O: take the waitlist offer (means nothing without one). */
        TAKE_OFFER,
        /** N: pass on the waitlist offer (means nothing without one). */
        PASS_OFFER
    }

    /** The words that answer a waitlist offer when the number has one open: yes (Y, O, YES, OUI) or no (N, NO, NON). */
    private static final Map<String, Boolean> OFFER_ANSWERS = Map.of("Y", true, "O", true, "YES", true, "OUI", true,
            "N", false, "NO", false, "NON", false);

    private static final Map<String, Action> KEYWORDS = Map.ofEntries(
            Map.entry("STOP", Action.OPT_OUT), Map.entry("STOPALL", Action.OPT_OUT),
            Map.entry("UNSUBSCRIBE", Action.OPT_OUT), Map.entry("END", Action.OPT_OUT),
            Map.entry("QUIT", Action.OPT_OUT), Map.entry("CANCEL", Action.OPT_OUT),
            Map.entry("ARRET", Action.OPT_OUT),
            Map.entry("START", Action.OPT_IN), Map.entry("UNSTOP", Action.OPT_IN),
            Map.entry("C", Action.CONFIRM), Map.entry("OUI", Action.CONFIRM), Map.entry("YES", Action.CONFIRM),
            Map.entry("X", Action.CANCEL), Map.entry("NON", Action.CANCEL), Map.entry("NO", Action.CANCEL),
            Map.entry("Y", Action.TAKE_OFFER), Map.entry("O", Action.TAKE_OFFER), Map.entry("N", Action.PASS_OFFER));

    private static final ReplyKeyword OTHER = new ReplyKeyword(null, Action.HELP);

    /**
     * Whether the reply answers a waitlist offer (when the number has one open): true to take it, false to pass;
     * empty for any other word (C and X always concern the next appointment).
     */
    public java.util.Optional<Boolean> offerAnswer() {
        return java.util.Optional.ofNullable(keyword == null ? null : OFFER_ANSWERS.get(keyword));
    }

    public static ReplyKeyword of(String body) {
        if (body == null || body.isBlank()) {
            return OTHER;
        }
        String first = body.strip().split("\\s+", 2)[0];
        String word = Normalizer.normalize(first, Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .replaceAll("^[^\\p{L}\\p{N}]+|[^\\p{L}\\p{N}]+$", "").toUpperCase(Locale.ROOT);
        Action action = KEYWORDS.get(word);
        return action == null ? OTHER : new ReplyKeyword(word, action);
    }
}
