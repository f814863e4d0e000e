package com.clinicbackbone.booking.schedule;

import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.SATURDAY;
import static java.time.DayOfWeek.THURSDAY;
import static java.time.DayOfWeek.TUESDAY;
import static java.time.DayOfWeek.WEDNESDAY;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;

/** The demo practitioners' weekly hours (clinic-local); seeded at startup when a practitioner has none there yet. */
public final class DemoSchedule {

    public static final List<WeeklyHours> HOURS = List.of(
            hours("maya-chen", "running-shoe", "08:00", "16:00", "12:00", "12:30", MONDAY, WEDNESDAY, FRIDAY),
            hours("maya-chen", "calgary-concussion", "09:00", "17:00", "12:30", "13:00", TUESDAY, THURSDAY),
            hours("liam-okafor", "integrative-pain", "08:00", "16:00", "12:00", "13:00", MONDAY, TUESDAY, THURSDAY),
            hours("liam-okafor", "running-shoe", "09:00", "15:00", "12:00", "12:30", WEDNESDAY, FRIDAY),
            new WeeklyHours("sofia-ramirez", "running-shoe", concat(
                    days("10:00", "18:00", "14:00", "14:30", MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY),
                    List.of(new DayHours(SATURDAY, LocalTime.parse("09:00"), LocalTime.parse("13:00"), List.of())))),
            hours("noah-tremblay", "calgary-concussion", "08:00", "16:00", "12:00", "12:30",
                    MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY),
            hours("amira-haddad", "running-shoe", "09:00", "17:00", "12:00", "13:00",
                    MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY));

    private DemoSchedule() {
    }

    private static WeeklyHours hours(String practitionerId, String clinicId, String start, String end,
                                     String breakStart, String breakEnd, DayOfWeek... days) {
        return new WeeklyHours(practitionerId, clinicId, days(start, end, breakStart, breakEnd, days));
    }

    private static List<DayHours> days(String start, String end, String breakStart, String breakEnd,
                                       DayOfWeek... days) {
        TimeRange pause = new TimeRange(LocalTime.parse(breakStart), LocalTime.parse(breakEnd));
        return Arrays.stream(days).map(day -> new DayHours(day, LocalTime.parse(start), LocalTime.parse(end),
                List.of(pause))).toList();
    }

    private static List<DayHours> concat(List<DayHours> one, List<DayHours> other) {
        return java.util.stream.Stream.concat(one.stream(), other.stream()).toList();
    }
}
