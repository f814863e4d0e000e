package com.clinicbackbone.notification.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CalendarInviteTest {

    static final Instant START = Instant.parse("2026-03-08T16:00:00Z");

    @Test
    void requestCarriesUidSequenceAndUtcTimesWithCrlfLines() {
        String ics = new CalendarInvite("apt-1", 4, false, START, START.plusSeconds(2700), "Appointment at RS")
                .toIcs("no-reply@clinic.example", "ada@example.org", Instant.parse("2026-03-01T10:00:00Z"));

        assertThat(ics.split("\r\n")).contains("METHOD:REQUEST", "UID:apt-1@clinic-backbone", "SEQUENCE:4",
                "DTSTAMP:20260301T100000Z", "DTSTART:20260308T160000Z", "DTEND:20260308T164500Z",
                "STATUS:CONFIRMED", "ORGANIZER:mailto:no-reply@clinic.example");
        assertThat(ics).endsWith("END:VCALENDAR\r\n");
        assertThat(ics.replace("\r\n", "")).doesNotContain("\n");
    }

    @Test
    void cancellationUsesMethodCancelAndStatusCancelled() {
        String ics = new CalendarInvite("apt-1", 5, true, START, START.plusSeconds(2700), "x")
                .toIcs("a@b.c", "d@e.f", START);

        assertThat(ics.split("\r\n")).contains("METHOD:CANCEL", "STATUS:CANCELLED", "SEQUENCE:5");
    }

    @Test
    void longLinesAreFoldedAt75OctetsWithoutSplittingACharacterAndTextIsEscaped() {
        String summary = "Rendez-vous à la Clinique médicale intégrée, douleur; é".repeat(3);
        String ics = new CalendarInvite("apt-1", 1, false, START, START, summary).toIcs("a@b.c", "d@e.f", START);

        assertThat(Arrays.stream(ics.split("\r\n")))
                .allSatisfy(line -> assertThat(line.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(75))
                .anySatisfy(line -> assertThat(line).startsWith(" "));
        String unfolded = ics.replace("\r\n ", "");
        assertThat(unfolded).contains("SUMMARY:" + summary.replace(",", "\\,").replace(";", "\\;") + "\r\n");
    }
}
