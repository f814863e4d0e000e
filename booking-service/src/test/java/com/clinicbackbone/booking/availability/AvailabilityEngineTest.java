package com.clinicbackbone.booking.availability;

import static com.clinicbackbone.booking.appointment.AppointmentFixture.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.clinicbackbone.booking.MutableClock;
import com.clinicbackbone.booking.appointment.Appointment;
import com.clinicbackbone.booking.appointment.BookingRule;
import com.clinicbackbone.booking.appointment.BookingRuleException;
import com.clinicbackbone.booking.appointment.InMemoryCalendar;
import com.clinicbackbone.booking.appointment.Party;
import com.clinicbackbone.booking.clinic.InMemoryCatalog;
import com.clinicbackbone.booking.clinic.UnknownServiceException;
import com.clinicbackbone.booking.schedule.Closure;
import com.clinicbackbone.booking.schedule.ExceptionKind;
import com.clinicbackbone.booking.schedule.InMemorySchedules;
import com.clinicbackbone.booking.schedule.ScheduleException;
import com.clinicbackbone.booking.schedule.ScheduleService;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class AvailabilityEngineTest {

    static final ZoneId EDMONTON = ZoneId.of("America/Edmonton");
    static final LocalDate MONDAY = LocalDate.parse("2026-03-02");

    final MutableClock clock = new MutableClock(NOW); // Sunday 2026-03-01, 05:00 in Edmonton
    final InMemoryCatalog catalog = new InMemoryCatalog();
    final InMemorySchedules schedules = new InMemorySchedules();
    final InMemoryCalendar calendar = new InMemoryCalendar();
    final AvailabilityEngine engine = new AvailabilityEngine(catalog, new ScheduleService(catalog, schedules),
            calendar, clock);

    static Instant local(String dateTime) {
        return LocalDateTime.parse(dateTime).atZone(EDMONTON).toInstant();
    }

    static List<LocalTime> localTimes(List<Slot> slots) {
        return slots.stream().map(slot -> slot.start().atZone(EDMONTON).toLocalTime()).toList();
    }

    List<Slot> physio(LocalDate date, Party by) {
        return engine.slots("running-shoe", "physio-follow-up", null, date, date, by);
    }

    @Test
    void slotsFollowTheHoursTheBreakAndTheServicesGrid() {
        List<Slot> slots = physio(MONDAY, Party.CLINIC);

        // 08:00-12:00 and 12:30-16:00 on a 15-minute grid, each whole 30 minutes inside
        assertThat(localTimes(slots)).startsWith(LocalTime.parse("08:00"), LocalTime.parse("08:15"))
                .contains(LocalTime.parse("11:30"), LocalTime.parse("12:30"), LocalTime.parse("15:30"))
                .doesNotContain(LocalTime.parse("11:45"), LocalTime.parse("12:00"), LocalTime.parse("12:15"),
                        LocalTime.parse("15:45"))
                .hasSize(15 + 13);
        assertThat(slots).allSatisfy(slot -> {
            assertThat(slot.practitionerId()).isEqualTo("maya-chen");
            assertThat(slot.end()).isEqualTo(slot.start().plusSeconds(1800));
        });
        assertThat(physio(MONDAY.plusDays(1), Party.CLINIC)).isEmpty(); // Tuesday: at the concussion centre
    }

    @Test
    void theClaimsOfThePractitionerAtAnyClinicTakeSlotsAway() {
        // an appointment at the concussion centre, 09:00-09:30 (extra hours there)
        calendar.claim("maya-chen", Appointment_buckets("2026-03-02T09:00", 30), "apt-cc", 1);

        assertThat(localTimes(physio(MONDAY, Party.CLINIC))).contains(LocalTime.parse("08:30"),
                LocalTime.parse("09:30")).doesNotContain(LocalTime.parse("08:45"), LocalTime.parse("09:00"),
                LocalTime.parse("09:15"));
    }

    static List<Instant> Appointment_buckets(String localStart, int minutes) {
        Instant start = local(localStart);
        return IntStream.range(0, minutes / 5).mapToObj(i -> start.plusSeconds(300L * i)).toList();
    }

    @Test
    void buffersMustBeFreeAroundTheSlotAndADeviceOfTheKindToo() {
        // prolotherapy at integrative-pain: 45 minutes and 15 after, liam-okafor, an ultrasound
        calendar.claim("liam-okafor", Appointment_buckets("2026-03-02T10:00", 30), "apt-1", 1);
        calendar.claim(Appointment.resourceOwner("ip-ultrasound-1"), Appointment_buckets("2026-03-02T13:00", 60),
                "apt-2", 1);

        List<LocalTime> starts = localTimes(engine.slots("integrative-pain", "prolotherapy", null, MONDAY, MONDAY,
                Party.CLINIC));

        // the visit itself lies in the hours; its buffers only need the calendars free (a break or closing time
        // may hold them: 11:15-12:00 and 15:15-16:00 are fine)
        assertThat(starts).contains(LocalTime.parse("08:00"), LocalTime.parse("09:00"), LocalTime.parse("10:30"),
                LocalTime.parse("11:15"), LocalTime.parse("14:00"), LocalTime.parse("15:15"))
                .doesNotContain(LocalTime.parse("09:15"), // its 15 minutes after would run into 10:00
                        LocalTime.parse("11:30"), // 12:00 is the break
                        LocalTime.parse("12:15"), LocalTime.parse("13:00"), // the ultrasound is busy 13:00-14:00
                        LocalTime.parse("15:30")); // past 16:00
    }

    @Test
    void patientsSeeNothingInsideTheMinimumNoticeNorServicesOnlyTheDeskBooks() {
        clock.set(local("2026-03-02T09:50"));

        // 2 h notice: from 11:50, and 12:00 and 12:15 are in the break
        assertThat(localTimes(physio(MONDAY, Party.PATIENT)).get(0)).isEqualTo(LocalTime.parse("12:30"));
        assertThat(localTimes(physio(MONDAY, Party.CLINIC)).get(0)).isEqualTo(LocalTime.parse("10:00"));
        assertThatThrownBy(() -> engine.slots("integrative-pain", "prolotherapy", null, MONDAY, MONDAY,
                Party.PATIENT)).isInstanceOfSatisfying(BookingRuleException.class,
                e -> assertThat(e.rule()).isEqualTo(BookingRule.NOT_ONLINE_BOOKABLE));
    }

    @Test
    void leaveClosuresAndTheHorizonLeaveNoSlots() {
        schedules.add(new ScheduleException("leave", "maya-chen", ExceptionKind.LEAVE, null,
                LocalDateTime.parse("2026-03-02T00:00"), LocalDateTime.parse("2026-03-03T00:00")));
        schedules.add(new Closure("holiday", "running-shoe", LocalDate.parse("2026-03-04"), "Holiday"));

        assertThat(physio(MONDAY, Party.CLINIC)).isEmpty();
        assertThat(physio(LocalDate.parse("2026-03-04"), Party.CLINIC)).isEmpty();
        assertThat(physio(LocalDate.parse("2026-03-06"), Party.CLINIC)).isNotEmpty();
        assertThat(physio(LocalDate.parse("2026-06-01"), Party.CLINIC)).isEmpty(); // beyond 90 days
    }

    @Test
    void allPractitionersWhoProvideTheServiceAreListedByStartThenPractitioner() {
        List<Slot> slots = engine.slots("running-shoe", "prp-injection", null, LocalDate.parse("2026-03-04"),
                LocalDate.parse("2026-03-04"), Party.CLINIC);

        assertThat(slots).extracting(Slot::practitionerId).containsOnly("amira-haddad", "liam-okafor");
        assertThat(slots.get(0)).isEqualTo(new Slot(local("2026-03-04T09:00"), local("2026-03-04T09:30"),
                "amira-haddad"));
        assertThat(slots.get(1).practitionerId()).isEqualTo("liam-okafor");
        assertThat(slots).isSortedAccordingTo(java.util.Comparator.comparing(Slot::start)
                .thenComparing(Slot::practitionerId));
        assertThat(engine.slots("running-shoe", "prp-injection", "liam-okafor", LocalDate.parse("2026-03-04"),
                LocalDate.parse("2026-03-04"), Party.CLINIC)).extracting(Slot::practitionerId)
                .containsOnly("liam-okafor");
        assertThatThrownBy(() -> engine.slots("running-shoe", "nothing", null, MONDAY, MONDAY, Party.CLINIC))
                .isInstanceOf(UnknownServiceException.class);
    }

    @Test
    void theDaysOfTheDaylightSavingChangesKeepTheirWallClockSlots() {
        // sofia-ramirez works Saturdays 09:00-13:00; both changes fall on the Sunday after, so open those Sundays
        for (String sunday : List.of("2026-03-08", "2026-11-01")) {
            schedules.add(new ScheduleException("night-" + sunday, "sofia-ramirez", ExceptionKind.EXTRA_HOURS,
                    "running-shoe", LocalDateTime.parse(sunday + "T00:00"), LocalDateTime.parse(sunday + "T05:00")));
        }
        clock.set(Instant.parse("2026-03-01T00:00:00Z"));
        List<Slot> spring = engine.slots("running-shoe", "massage-60", null, LocalDate.parse("2026-03-08"),
                LocalDate.parse("2026-03-08"), Party.CLINIC);
        List<Slot> saturdayBefore = engine.slots("running-shoe", "massage-60", null, LocalDate.parse("2026-03-07"),
                LocalDate.parse("2026-03-07"), Party.CLINIC);
        clock.set(Instant.parse("2026-10-01T00:00:00Z"));
        List<Slot> fall = engine.slots("running-shoe", "massage-60", null, LocalDate.parse("2026-11-01"),
                LocalDate.parse("2026-11-01"), Party.CLINIC);
        List<Slot> mondayAfterFall = engine.slots("running-shoe", "massage-60", null, LocalDate.parse("2026-11-02"),
                LocalDate.parse("2026-11-02"), Party.CLINIC);

        // 00:00-05:00 local on 8 March has no 02:00-03:00: 00:00, 00:15 ... 01:00 then 03:00 ... 04:00 (MDT)
        assertThat(spring).extracting(Slot::start).doesNotHaveDuplicates()
                .contains(Instant.parse("2026-03-08T07:00:00Z"), Instant.parse("2026-03-08T09:00:00Z"),
                        Instant.parse("2026-03-08T10:00:00Z"))
                .allSatisfy(start -> assertThat(start.atZone(EDMONTON).getHour()).isNotEqualTo(2));
        assertThat(spring.get(spring.size() - 1).start()).isEqualTo(Instant.parse("2026-03-08T10:00:00Z"));
        assertThat(saturdayBefore.get(0).start()).isEqualTo(Instant.parse("2026-03-07T16:00:00Z")); // 09:00 MST
        // 1 November: 01:00-02:00 happens twice; each wall-clock start once, 00:00 MDT = 06:00Z, 04:00 MST = 11:00Z
        assertThat(fall).extracting(Slot::start).doesNotHaveDuplicates()
                .contains(Instant.parse("2026-11-01T06:00:00Z"), Instant.parse("2026-11-01T11:00:00Z"));
        // 01:00 local happens twice that night, as two instants (MDT, then MST): each offered once
        assertThat(fall).extracting(Slot::start).filteredOn(start -> start.atZone(EDMONTON).getHour() == 1)
                .contains(Instant.parse("2026-11-01T07:00:00Z"), Instant.parse("2026-11-01T08:00:00Z"));
        // maya-chen's 08:00 on the weekdays around the spring change: 15:00Z before, 14:00Z after
        clock.set(Instant.parse("2026-03-01T00:00:00Z"));
        assertThat(physio(LocalDate.parse("2026-03-06"), Party.CLINIC).get(0).start())
                .isEqualTo(Instant.parse("2026-03-06T15:00:00Z"));
        assertThat(physio(LocalDate.parse("2026-03-09"), Party.CLINIC).get(0).start())
                .isEqualTo(Instant.parse("2026-03-09T14:00:00Z"));
        assertThat(mondayAfterFall.get(0).start()).isEqualTo(Instant.parse("2026-11-02T17:00:00Z")); // 10:00 MST
        // a date query covers exactly that local day
        assertThat(fall).allSatisfy(slot -> assertThat(slot.start().atZone(EDMONTON).toLocalDate())
                .isEqualTo(LocalDate.parse("2026-11-01")));
    }

    @Test
    void freeStartsAreTheStaffViewOfTheSameEngine() {
        List<Instant> starts = engine.of("running-shoe", "physio-follow-up", "maya-chen", local("2026-03-02T08:00"),
                local("2026-03-02T09:00"));

        assertThat(starts).containsExactly(local("2026-03-02T08:00"), local("2026-03-02T08:15"),
                local("2026-03-02T08:30"), local("2026-03-02T08:45"));
    }
}
