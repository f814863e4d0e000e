package com.clinicbackbone.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.clinicbackbone.events.AppointmentBooked;
import com.clinicbackbone.events.AppointmentCancelled;
import com.clinicbackbone.events.AppointmentRescheduled;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The iCalendar attachment as a mail client receives it (parsed from what GreenMail got). */
class CalendarInviteIntegrationTest extends RunningServiceTest {

    static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    @Test
    void bookingMoveAndCancellationCarryOneEventWithGrowingSequenceAndACancelAtTheEnd() throws Exception {
        publishContact("pat-ics-1", "Gus", "gus@example.org", null, List.of("EMAIL"), null, 1);
        awaitContact("pat-ics-1");
        Instant start = Instant.now().plus(Duration.ofDays(6)).truncatedTo(ChronoUnit.MINUTES);
        Instant newStart = start.plus(Duration.ofDays(1));

        publishAppointment(AppointmentBooked.TYPE, "apt-ics-1", "running-shoe", "prac-1", "pat-ics-1", start, 1);
        Map<String, String> booked = event(awaitEmail("gus@example.org", "Your appointment is booked"));
        publishAppointment(AppointmentRescheduled.TYPE, "apt-ics-1", "running-shoe", new AppointmentRescheduled(
                "apt-ics-1", "running-shoe", "svc-prolotherapy", "prac-1", "pat-ics-1", newStart,
                newStart.plus(Duration.ofMinutes(45)), "BOOKED", start), 2);
        Map<String, String> moved = event(awaitEmail("gus@example.org", "Your appointment was moved"));
        publishAppointment(AppointmentCancelled.TYPE, "apt-ics-1", "running-shoe", "prac-1", "pat-ics-1", newStart,
                3);
        Map<String, String> cancelled = event(awaitEmail("gus@example.org", "Your appointment was cancelled"));

        assertThat(booked).containsEntry("METHOD", "REQUEST").containsEntry("UID", "apt-ics-1@clinic-backbone")
                .containsEntry("SEQUENCE", "1").containsEntry("STATUS", "CONFIRMED")
                .containsEntry("DTSTART", UTC.format(start))
                .containsEntry("DTEND", UTC.format(start.plus(Duration.ofMinutes(45))))
                .containsEntry("SUMMARY", "Appointment at Running Shoe Restorative Healthcare")
                .containsEntry("ATTENDEE;ROLE=REQ-PARTICIPANT;RSVP=FALSE", "mailto:gus@example.org")
                .containsEntry("ORGANIZER", "mailto:no-reply@clinic-backbone.local");
        assertThat(moved).containsEntry("METHOD", "REQUEST").containsEntry("UID", "apt-ics-1@clinic-backbone")
                .containsEntry("SEQUENCE", "2").containsEntry("DTSTART", UTC.format(newStart));
        assertThat(cancelled).containsEntry("METHOD", "CANCEL").containsEntry("UID", "apt-ics-1@clinic-backbone")
                .containsEntry("SEQUENCE", "3").containsEntry("STATUS", "CANCELLED")
                .containsEntry("DTSTART", UTC.format(newStart));
    }

    /** The VEVENT's and the METHOD's properties, after checking CRLF endings and unfolding. */
    private static Map<String, String> event(MimeMessage email) throws Exception {
        String ics = partOf(email, "text/calendar");
        assertThat(ics).as("an iCalendar part").isNotNull().startsWith("BEGIN:VCALENDAR\r\n")
                .endsWith("END:VCALENDAR\r\n");
        assertThat(ics.replace("\r\n", "")).as("no bare line feeds").doesNotContain("\n");
        Map<String, String> properties = new LinkedHashMap<>();
        for (String line : ics.replace("\r\n ", "").split("\r\n")) {
            int colon = line.indexOf(':');
            properties.putIfAbsent(line.substring(0, colon), line.substring(colon + 1));
        }
        return properties;
    }
}
