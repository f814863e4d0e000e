package com.clinicbackbone.web.desk;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;

/** booking-service's schedule data as the desk reads it (clinic-local wall-clock times and dates). */
public final class Schedule {

    private Schedule() {
    }

    /** {@code GET /api/practitioners/{id}/hours/{clinicId}}. */
    public record WeeklyHours(List<Day> weekly) {

        public WeeklyHours {
            weekly = weekly == null ? List.of() : List.copyOf(weekly);
        }

        public static WeeklyHours none() {
            return new WeeklyHours(List.of());
        }
    }

    public record Day(DayOfWeek day, LocalTime start, LocalTime end, List<Break> breaks) {

        public Day {
            breaks = breaks == null ? List.of() : List.copyOf(breaks);
        }
    }

    public record Break(LocalTime start, LocalTime end) {
    }

    /** {@code GET /api/practitioners/{id}/exceptions}: LEAVE (every clinic) or EXTRA_HOURS at {@code clinicId}. */
    public record OneOff(String id, String practitionerId, String kind, String clinicId, LocalDateTime start,
                            LocalDateTime end) {

        public boolean isLeave() {
            return "LEAVE".equals(kind);
        }

        public boolean isExtraHoursAt(String clinic) {
            return "EXTRA_HOURS".equals(kind) && clinic.equals(clinicId);
        }
    }

    /** {@code GET /api/clinics/{id}/closures}. */
    public record Closure(String id, String clinicId, LocalDate date, String name) {
    }
}
