package com.clinicbackbone.web.me.web;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import org.springframework.context.MessageSource;

/** Times and durations as people read them, in the page's language; times in the clinic's zone. */
final class Words {

    private Words() {
    }

    static String day(Instant instant, ZoneId zone, Locale locale) {
        return DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(locale).format(instant.atZone(zone));
    }

    static String time(Instant instant, ZoneId zone, Locale locale) {
        return DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(locale).format(instant.atZone(zone));
    }

    /** "2 hours", "90 days", "30 minutes". */
    static String duration(Duration duration, MessageSource messages, Locale locale) {
        long minutes = duration.toMinutes();
        if (minutes >= 2 * 24 * 60 && minutes % (24 * 60) == 0) {
            return messages.getMessage("duration.days", new Object[] {minutes / (24 * 60)}, locale);
        }
        if (minutes >= 60 && minutes % 60 == 0) {
            return messages.getMessage("duration.hours", new Object[] {minutes / 60}, locale);
        }
        return messages.getMessage("duration.minutes", new Object[] {minutes}, locale);
    }
}
