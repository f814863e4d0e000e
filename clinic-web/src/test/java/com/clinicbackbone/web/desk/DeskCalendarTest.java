package com.clinicbackbone.web.desk;

import static org.assertj.core.api.Assertions.assertThat;

import com.clinicbackbone.web.backbone.Appointment;
import com.clinicbackbone.web.backbone.Availability;
import com.clinicbackbone.web.backbone.Clinic;
import com.clinicbackbone.web.backbone.ClinicService;
import com.clinicbackbone.web.backbone.Practitioner;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeskCalendarTest {

    static final ZoneId CALGARY = ZoneId.of("America/Edmonton");
    static final Clinic CLINIC = new Clinic("running-shoe", "Running Shoe", "America/Edmonton");
    static final Practitioner MAYA = new Practitioner("maya-chen", "Maya Chen", "Physiotherapist",
            List.of("running-shoe"));
    static final ClinicService FOLLOW_UP = service("physio-follow-up", true, List.of("maya-chen"));
    static final LocalDate MONDAY = LocalDate.of(2026, 3, 2);

    static ClinicService service(String id, boolean online, List<String> practitioners) {
        return new ClinicService(id, "running-shoe", id, 30, Duration.ofHours(24), online, Duration.ofHours(2),
                Duration.ofDays(90), practitioners);
    }

    static Instant at(LocalDate date, int hour, int minute) {
        return date.atTime(hour, minute).atZone(CALGARY).toInstant();
    }

    static Appointment appointment(String id, Instant start, String status) {
        return new Appointment(id, "running-shoe", "physio-follow-up", "maya-chen", "p-" + id, start,
                start.plus(Duration.ofMinutes(30)), status, 1, false, null, null, null, null, null, null);
    }

    static Schedule.WeeklyHours hours(DayOfWeek day, int from, int to) {
        return new Schedule.WeeklyHours(List.of(new Schedule.Day(day, LocalTime.of(from, 0), LocalTime.of(to, 0),
                List.of(new Schedule.Break(LocalTime.of(12, 0), LocalTime.of(12, 30))))));
    }

    static CalendarPage dayOf(LocalDate date, Schedule.WeeklyHours hours, List<Appointment> appointments,
                              List<Availability.Slot> slots) {
        DeskCalendar.Data data = new DeskCalendar.Data(CALGARY, Map.of("maya-chen", hours), List.of(), appointments,
                slots, List.of());
        return DeskCalendar.assemble(CLINIC, false, date, List.of(date), List.of(MAYA), List.of(FOLLOW_UP), FOLLOW_UP,
                data, patientId -> "Name of " + patientId, Locale.ENGLISH);
    }

    static CalendarPage.Row row(CalendarPage page, String label) {
        return page.rows().stream().filter(row -> row.label().equals(label)).findFirst().orElseThrow();
    }

    @Test
    void theDayRunsFromTheHourOfTheFirstWorkToTheLastIn15MinuteRows() {
        CalendarPage page = dayOf(MONDAY, hours(DayOfWeek.MONDAY, 8, 16), List.of(), List.of());

        assertThat(page.rows()).hasSize(32);
        assertThat(page.rows().get(0).label()).isEqualTo("08:00");
        assertThat(page.rows().get(31).label()).isEqualTo("15:45");
        assertThat(row(page, "12:15").cells().get(0).state()).isEqualTo("break");
        assertThat(page.columns().get(0).summary().hours()).isEqualTo("08:00–16:00");
        assertThat(page.columns().get(0).summary().breaks()).isEqualTo("12:00–12:30");
        assertThat(page.title()).isEqualTo("Monday, March 2, 2026");
    }

    @Test
    void appointmentsShowInTheirStartRowAndKeepTheirTimeBusyUnlessCancelled() {
        CalendarPage page = dayOf(MONDAY, hours(DayOfWeek.MONDAY, 8, 16),
                List.of(appointment("a", at(MONDAY, 9, 0), "BOOKED"), appointment("c", at(MONDAY, 10, 0), "CANCELLED")),
                List.of(new Availability.Slot(at(MONDAY, 10, 0), at(MONDAY, 10, 30), "maya-chen")));

        CalendarPage.Cell nine = row(page, "09:00").cells().get(0);
        assertThat(nine.appointments()).extracting(CalendarPage.Entry::id).containsExactly("a");
        assertThat(nine.appointments().get(0).patient()).isEqualTo("Name of p-a");
        assertThat(nine.appointments().get(0).until()).isEqualTo("09:30");
        assertThat(nine.state()).isEqualTo("busy");
        assertThat(row(page, "09:15").cells().get(0).state()).isEqualTo("busy");
        assertThat(row(page, "09:30").cells().get(0).state()).isEqualTo("work");
        CalendarPage.Cell ten = row(page, "10:00").cells().get(0);
        assertThat(ten.state()).isEqualTo("work");
        assertThat(ten.appointments()).extracting(CalendarPage.Entry::status).containsExactly("CANCELLED");
        assertThat(ten.free()).extracting(CalendarPage.FreeTime::time).containsExactly("10:00");
    }

    @Test
    void aDayNobodyWorksHasNoRows() {
        assertThat(dayOf(MONDAY.plusDays(1), hours(DayOfWeek.MONDAY, 8, 16), List.of(), List.of()).rows()).isEmpty();
    }

    @Test
    void theSpringForwardNightHasNoRowsAtTwoAndTheFallBackNightTwoRowsAtOne() {
        LocalDate springForward = LocalDate.of(2026, 3, 8);
        CalendarPage spring = dayOf(springForward, hours(DayOfWeek.SUNDAY, 0, 5), List.of(), List.of());
        assertThat(spring.rows()).extracting(CalendarPage.Row::label)
                .contains("01:45", "03:00").doesNotContain("02:00", "02:30");
        assertThat(spring.rows()).hasSize(16); // 00:00-05:00 wall clock is 4 hours that night

        LocalDate fallBack = LocalDate.of(2026, 11, 1);
        CalendarPage fall = dayOf(fallBack, hours(DayOfWeek.SUNDAY, 0, 5), List.of(), List.of());
        assertThat(fall.rows()).extracting(CalendarPage.Row::label)
                .containsSubsequence("00:45", "01:00 MDT", "01:45 MDT", "01:00 MST", "01:45 MST", "02:00");
        assertThat(fall.rows()).hasSize(24);
    }

    @Test
    void theWeekRunsMondayToSundayWithOneCellPerPractitionerAndDay() {
        LocalDate thursday = MONDAY.plusDays(3);
        DeskCalendar.Data data = new DeskCalendar.Data(CALGARY, Map.of("maya-chen", hours(DayOfWeek.MONDAY, 8, 16)),
                List.of(), List.of(appointment("a", at(MONDAY, 9, 0), "CONFIRMED")),
                List.of(new Availability.Slot(at(MONDAY, 10, 0), at(MONDAY, 10, 30), "maya-chen")),
                List.of(new Schedule.Closure("x", "running-shoe", MONDAY.plusDays(2), "Staff day")));

        CalendarPage page = DeskCalendar.assemble(CLINIC, true, thursday, DeskCalendar.weekOf(thursday),
                List.of(MAYA), List.of(FOLLOW_UP), FOLLOW_UP, data, id -> "", Locale.FRENCH);

        assertThat(page.days()).extracting(CalendarPage.DayHeader::date).first().isEqualTo(MONDAY);
        assertThat(page.days()).hasSize(7);
        assertThat(page.days().get(0).label()).isEqualTo("lun. 2 mars");
        List<CalendarPage.Cell> cells = page.lanes().get(0).days();
        assertThat(cells.get(0).state()).isEqualTo("work");
        assertThat(cells.get(0).appointments()).extracting(CalendarPage.Entry::id).containsExactly("a");
        assertThat(cells.get(0).free()).extracting(CalendarPage.FreeTime::time).containsExactly("10:00");
        assertThat(cells.get(1).state()).isEqualTo("off");
        assertThat(cells.get(2).state()).isEqualTo("closed");
        assertThat(cells.get(2).closure()).isEqualTo("Staff day");
        assertThat(page.previous()).isEqualTo(thursday.minusWeeks(1));
    }

    @Test
    void withoutAChoiceTheFreeTimesAreOfTheFirstServiceBookedOnlineThatSomeoneProvides() {
        ClinicService deskOnly = service("botox", false, List.of("amira-haddad"));
        ClinicService nobody = service("chiropractic", true, List.of());

        assertThat(DeskCalendar.chosen(List.of(deskOnly, nobody, FOLLOW_UP), null)).isEqualTo(FOLLOW_UP);
        assertThat(DeskCalendar.chosen(List.of(deskOnly, nobody), "")).isEqualTo(deskOnly);
        assertThat(DeskCalendar.chosen(List.of(deskOnly, FOLLOW_UP), "botox")).isEqualTo(deskOnly);
        assertThat(DeskCalendar.chosen(List.of(), null)).isNull();
    }
}
