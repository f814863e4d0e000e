package com.clinicbackbone.web.desk;

import com.clinicbackbone.web.backbone.Appointment;
import com.clinicbackbone.web.backbone.Availability;
import com.clinicbackbone.web.backbone.BackboneProblem;
import com.clinicbackbone.web.backbone.Catalog;
import com.clinicbackbone.web.backbone.Clinic;
import com.clinicbackbone.web.backbone.ClinicService;
import com.clinicbackbone.web.backbone.Practitioner;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Gathers a clinic's day or week from the services (as the signed-in desk) and lays it out in clinic-local time:
 * the practitioners' hours, breaks, leave and the clinic's closures, the appointments with their patients' names,
 * and the free starts of the chosen service.
 */
@Component
public class DeskCalendar {

    static final Duration ROW = Duration.ofMinutes(15);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private final Catalog catalog;
    private final DeskBackbone desk;

    DeskCalendar(Catalog catalog, DeskBackbone desk) {
        this.catalog = catalog;
        this.desk = desk;
    }

    /** The week runs Monday to Sunday around {@code date}; {@code serviceId} null: see {@link #chosen}. */
    public CalendarPage load(Clinic clinic, LocalDate date, boolean week, String serviceId, Locale locale) {
        String clinicId = clinic.id();
        List<LocalDate> days = week ? weekOf(date) : List.of(date);
        LocalDate from = days.get(0);
        LocalDate to = days.get(days.size() - 1);
        List<Practitioner> practitioners = catalog.practitioners(clinicId);
        List<ClinicService> services = catalog.services(clinicId);
        ClinicService service = chosen(services, serviceId);
        Map<String, Schedule.WeeklyHours> hours = new HashMap<>();
        List<Schedule.OneOff> oneOffs = new ArrayList<>();
        for (Practitioner practitioner : practitioners) {
            hours.put(practitioner.id(), desk.hours(practitioner.id(), clinicId));
            oneOffs.addAll(desk.oneOffs(practitioner.id(), from, to));
        }
        List<Appointment> appointments = new ArrayList<>();
        days.forEach(day -> appointments.addAll(desk.clinicDay(clinicId, day)));
        List<Availability.Slot> slots = List.of();
        if (service != null) {
            Availability free = desk.availability(clinicId, service.id(), null, from, to);
            slots = free == null || free.slots() == null ? List.of() : free.slots();
        }
        Data data = new Data(clinic.zone(), hours, oneOffs, appointments, slots, desk.closures(clinicId, from, to));
        Map<String, String> names = new HashMap<>();
        appointments.forEach(appointment -> names.computeIfAbsent(appointment.patientId(), this::nameOf));
        return assemble(clinic, week, date, days, practitioners, services, service, data, names::get, locale);
    }

    /** What the page is built from (all read before anything is laid out). */
    record Data(ZoneId zone, Map<String, Schedule.WeeklyHours> hours, List<Schedule.OneOff> oneOffs,
                List<Appointment> appointments, List<Availability.Slot> slots, List<Schedule.Closure> closures) {
    }

    /** Lays the page out; pure, so the clinic-local arithmetic can be tested without the services. */
    static CalendarPage assemble(Clinic clinic, boolean week, LocalDate date, List<LocalDate> days,
                                 List<Practitioner> practitioners, List<ClinicService> services,
                                 ClinicService service, Data data, Function<String, String> patientNames,
                                 Locale locale) {
        ZoneId zone = data.zone();
        Map<String, String> serviceNames = services.stream()
                .collect(Collectors.toMap(ClinicService::id, ClinicService::name, (a, b) -> a));
        Map<String, String> practitionerNames = practitioners.stream()
                .collect(Collectors.toMap(Practitioner::id, Practitioner::name, (a, b) -> a));
        DateTimeFormatter dayLabel = DateTimeFormatter.ofPattern("EEE d MMM", locale);
        List<Appointment> appointments = data.appointments().stream()
                .sorted(Comparator.comparing(Appointment::start)).toList();
        Function<Appointment, CalendarPage.Entry> entry = appointment -> new CalendarPage.Entry(appointment.id(),
                TIME.format(appointment.start().atZone(zone)), TIME.format(appointment.end().atZone(zone)),
                patientNames.apply(appointment.patientId()),
                serviceNames.getOrDefault(appointment.serviceId(), appointment.serviceId()), appointment.status(),
                appointment.isAskedToCancel(), appointment.walkIn(), appointment.late());
        Function<Availability.Slot, CalendarPage.FreeTime> freeTime = slot -> new CalendarPage.FreeTime(
                slot.start(), TIME.format(slot.start().atZone(zone)), slot.practitionerId(),
                practitionerNames.getOrDefault(slot.practitionerId(), slot.practitionerId()),
                dayLabel.format(slot.start().atZone(zone)));

        Map<String, Map<LocalDate, Lane>> lanes = new HashMap<>();
        for (Practitioner practitioner : practitioners) {
            Map<LocalDate, Lane> byDay = new HashMap<>();
            for (LocalDate day : days) {
                byDay.put(day, Lane.of(practitioner.id(), clinic.id(), day, zone,
                        data.hours().getOrDefault(practitioner.id(), Schedule.WeeklyHours.none()),
                        data.oneOffs(), data.closures()));
            }
            lanes.put(practitioner.id(), byDay);
        }

        List<CalendarPage.DayHeader> headers = days.stream()
                .map(day -> new CalendarPage.DayHeader(day, dayLabel.format(day))).toList();
        String title = DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(locale).format(days.get(0));
        List<CalendarPage.Column> columns = new ArrayList<>();
        List<CalendarPage.Row> rows = new ArrayList<>();
        List<CalendarPage.WeekLane> weekLanes = new ArrayList<>();
        if (week) {
            for (Practitioner practitioner : practitioners) {
                List<CalendarPage.Cell> cells = days.stream().map(day -> summary(lanes.get(practitioner.id()).get(day),
                        zone, on(appointments, practitioner.id(), day, zone).stream().map(entry).toList(),
                        on(data.slots(), practitioner.id(), day, zone).stream().map(freeTime).toList())).toList();
                weekLanes.add(new CalendarPage.WeekLane(practitioner, cells));
            }
        } else {
            for (Practitioner practitioner : practitioners) {
                columns.add(new CalendarPage.Column(practitioner,
                        summary(lanes.get(practitioner.id()).get(date), zone, List.of(), List.of())));
            }
            rows = dayRows(date, zone, practitioners, lanes, appointments, data.slots(), entry, freeTime);
        }
        return new CalendarPage(clinic, week, date, week ? date.minusWeeks(1) : date.minusDays(1),
                week ? date.plusWeeks(1) : date.plusDays(1), title, headers, services, service, columns, rows,
                weekLanes);
    }

    /** The day's 15-minute rows (from the zone's rules) from the hour of the first work or appointment to the last. */
    private static List<CalendarPage.Row> dayRows(LocalDate date, ZoneId zone, List<Practitioner> practitioners,
                                                  Map<String, Map<LocalDate, Lane>> lanes,
                                                  List<Appointment> appointments, List<Availability.Slot> slots,
                                                  Function<Appointment, CalendarPage.Entry> entry,
                                                  Function<Availability.Slot, CalendarPage.FreeTime> freeTime) {
        List<Span> busy = new ArrayList<>();
        lanes.values().forEach(byDay -> busy.addAll(byDay.get(date).work()));
        appointments.forEach(appointment -> busy.add(new Span(appointment.start(), appointment.end())));
        if (busy.isEmpty()) {
            return List.of();
        }
        Instant first = busy.stream().map(Span::start).min(Comparator.naturalOrder()).orElseThrow()
                .atZone(zone).truncatedTo(ChronoUnit.HOURS).toInstant();
        Instant last = busy.stream().map(Span::end).max(Comparator.naturalOrder()).orElseThrow();
        List<CalendarPage.Row> rows = new ArrayList<>();
        for (DayRows.Row row : DayRows.of(date, zone, ROW)) {
            if (!row.end().isAfter(first) || !row.start().isBefore(last)) {
                continue;
            }
            List<CalendarPage.Cell> cells = new ArrayList<>();
            for (Practitioner practitioner : practitioners) {
                Lane lane = lanes.get(practitioner.id()).get(date);
                List<Appointment> starting = appointments.stream()
                        .filter(it -> it.practitionerId().equals(practitioner.id()) && row.contains(it.start()))
                        .toList();
                boolean taken = appointments.stream().anyMatch(it -> it.practitionerId().equals(practitioner.id())
                        && !"CANCELLED".equals(it.status()) && new Span(it.start(), it.end()).contains(row.start()));
                Lane.State state = lane.stateAt(row.start());
                String shown = state == Lane.State.WORK && taken ? "busy" : state.name().toLowerCase(Locale.ROOT);
                cells.add(new CalendarPage.Cell(practitioner.id(), date, shown, starting.stream().map(entry).toList(),
                        slots.stream().filter(it -> it.practitionerId().equals(practitioner.id())
                                && row.contains(it.start())).map(freeTime).toList(), null, null, null, null));
            }
            rows.add(new CalendarPage.Row(row.label(), row.start(), cells));
        }
        return rows;
    }

    /** A practitioner's whole day: hours, breaks, leave, closure, its appointments and free times. */
    private static CalendarPage.Cell summary(Lane lane, ZoneId zone, List<CalendarPage.Entry> appointments,
                                             List<CalendarPage.FreeTime> free) {
        String state = lane.closed() ? "closed" : lane.onLeave() ? "leave" : lane.works() ? "work" : "off";
        return new CalendarPage.Cell(lane.practitionerId(), lane.date(), state, appointments, free,
                labels(lane.work(), lane.date(), zone), labels(lane.breaks(), lane.date(), zone),
                labels(lane.leave(), lane.date(), zone), lane.closure());
    }

    /** "08:00–12:00, 13:00–16:00"; a span ending at the next midnight ends at 24:00; null when none. */
    static String labels(List<Span> spans, LocalDate date, ZoneId zone) {
        if (spans.isEmpty()) {
            return null;
        }
        Instant midnight = date.plusDays(1).atStartOfDay(zone).toInstant();
        return spans.stream().map(span -> span.end().equals(midnight)
                        ? TIME.format(span.start().atZone(zone)) + "–24:00" : span.label(zone))
                .collect(Collectors.joining(", "));
    }

    private static <T> List<T> on(List<T> items, String practitionerId, LocalDate day, ZoneId zone) {
        return items.stream().filter(item -> practitionerOf(item).equals(practitionerId)
                && startOf(item).atZone(zone).toLocalDate().equals(day)).toList();
    }

    private static String practitionerOf(Object item) {
        return item instanceof Appointment appointment ? appointment.practitionerId()
                : ((Availability.Slot) item).practitionerId();
    }

    private static Instant startOf(Object item) {
        return item instanceof Appointment appointment ? appointment.start() : ((Availability.Slot) item).start();
    }

    static List<LocalDate> weekOf(LocalDate date) {
        LocalDate monday = date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        return monday.datesUntil(monday.plusDays(7)).toList();
    }

    /** The service asked for; none asked: the first one patients book online that someone provides, else the first. */
    static ClinicService chosen(List<ClinicService> services, String serviceId) {
        if (serviceId == null || serviceId.isBlank()) {
            return services.stream().filter(service -> service.onlineBookable() && service.practitionerIds() != null
                    && !service.practitionerIds().isEmpty()).findFirst()
                    .orElse(services.isEmpty() ? null : services.get(0));
        }
        return services.stream().filter(service -> service.id().equals(serviceId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a service of the clinic"));
    }

    /** The patient's name as the desk may see it; blank when the record is gone (erased) or not the desk's. */
    private String nameOf(String patientId) {
        try {
            return desk.patient(patientId).name();
        } catch (BackboneProblem problem) {
            if (problem.isNotFound() || problem.isForbidden()) {
                return "";
            }
            throw problem;
        }
    }
}
