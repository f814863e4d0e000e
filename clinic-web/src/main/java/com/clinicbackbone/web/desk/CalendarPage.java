package com.clinicbackbone.web.desk;

import com.clinicbackbone.web.backbone.Clinic;
import com.clinicbackbone.web.backbone.ClinicService;
import com.clinicbackbone.web.backbone.Practitioner;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What a desk's calendar page shows, in clinic-local time: a day (rows from the zone's rules, one column per
 * practitioner) or a week (one row per practitioner, one column per day).
 *
 * @param service the service whose free times are shown (null: none)
 * @param rows    the day view's rows (empty in the week view, or when nobody works that day)
 * @param lanes   the week view's rows: per practitioner, one cell per day
 */
public record CalendarPage(Clinic clinic, boolean week, LocalDate date, LocalDate previous, LocalDate next,
                           String title, List<DayHeader> days, List<ClinicService> services, ClinicService service,
                           List<Column> columns, List<Row> rows, List<WeekLane> lanes) {

    public record DayHeader(LocalDate date, String label) {
    }

    /** A practitioner's column of the day view with their day's summary. */
    public record Column(Practitioner practitioner, Cell summary) {
    }

    public record Row(String label, Instant start, List<Cell> cells) {
    }

    public record WeekLane(Practitioner practitioner, List<Cell> days) {
    }

    /**
     * One practitioner at one time (day view row) or one day (week view): its state (work, break, leave, closed,
     * off), the appointments starting in it, the free times, and the day's hours, breaks, leave and closure.
     */
    public record Cell(String practitionerId, LocalDate date, String state, List<Entry> appointments,
                       List<FreeTime> free, String hours, String breaks, String leave, String closure) {
    }

    /** An appointment as the calendar shows it. */
    public record Entry(String id, String time, String until, String patient, String service, String status,
                        boolean askedToCancel, boolean walkIn, Boolean late) {
    }

    /** A free start of the chosen service: what booking it needs. */
    public record FreeTime(Instant start, String time, String practitionerId, String practitionerName,
                           String dayLabel) {
    }
}
