package com.clinicbackbone.notification.notification;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The iCalendar (RFC 5545) event sent with an email, so that calendar apps add, update and remove the visit
 * instead of duplicating it: one stable {@code UID} per appointment, {@code SEQUENCE} = the appointment revision,
 * {@code METHOD:REQUEST} while the visit stands and {@code METHOD:CANCEL} with {@code STATUS:CANCELLED} once it is
 * cancelled (RFC 5546). Times are UTC; lines end with CRLF and are folded at 75 octets.
 */
public record CalendarInvite(String appointmentId, long sequence, boolean cancelled, Instant start, Instant end,
                             String summary) {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    public String uid() {
        return appointmentId + "@clinic-backbone";
    }

    public String method() {
        return cancelled ? "CANCEL" : "REQUEST";
    }

    /** The calendar object, from the organizer's to the attendee's email address, stamped {@code now}. */
    public String toIcs(String organizer, String attendee, Instant now) {
        List<String> lines = List.of(
                "BEGIN:VCALENDAR",
                "PRODID:-//Clinic Backbone//Notifications//EN",
                "VERSION:2.0",
                "CALSCALE:GREGORIAN",
                "METHOD:" + method(),
                "BEGIN:VEVENT",
                "UID:" + uid(),
                "SEQUENCE:" + sequence,
                "DTSTAMP:" + UTC.format(now),
                "DTSTART:" + UTC.format(start),
                "DTEND:" + UTC.format(end),
                "SUMMARY:" + escape(summary),
                "ORGANIZER:mailto:" + organizer,
                "ATTENDEE;ROLE=REQ-PARTICIPANT;RSVP=FALSE:mailto:" + attendee,
                "STATUS:" + (cancelled ? "CANCELLED" : "CONFIRMED"),
                "TRANSP:OPAQUE",
                "END:VEVENT",
                "END:VCALENDAR");
        StringBuilder ics = new StringBuilder();
        lines.forEach(line -> ics.append(fold(line)).append("\r\n"));
        return ics.toString();
    }

    /** RFC 5545 3.3.11: backslash, semicolon, comma and newline escaped in TEXT values. */
    static String escape(String text) {
        return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n")
                .replace("\n", "\\n");
    }

    /**
     * RFC 5545 3.1: a line longer than 75 octets (UTF-8) continues on the next line after CRLF and one space;
     * never inside a character.
     */
    static String fold(String line) {
        StringBuilder folded = new StringBuilder();
        int octets = 0;
        for (int i = 0; i < line.length(); ) {
            int codePoint = line.codePointAt(i);
            String character = new String(Character.toChars(codePoint));
            int size = character.getBytes(StandardCharsets.UTF_8).length;
            if (octets + size > 75) {
                folded.append("\r\n ");
                octets = 1;
            }
            folded.append(character);
            octets += size;
            i += Character.charCount(codePoint);
        }
        return folded.toString();
    }
}
