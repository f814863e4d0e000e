package com.clinicbackbone.web.practitioner;

import com.clinicbackbone.web.backbone.Appointment;
import com.clinicbackbone.web.backbone.Backbone;
import com.clinicbackbone.web.backbone.BackboneProblem;
import com.clinicbackbone.web.backbone.Catalog;
import com.clinicbackbone.web.backbone.Clinic;
import com.clinicbackbone.web.backbone.ClinicService;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.stereotype.Component;

/**
 * A practitioner's own day across their clinics, read with their own token (booking-service gives them their own
 * appointments only; patient-service the patients on them). Shows the patient's name and nothing else of the
 * record: no contact details, no birth date.
 */
@Component
public class PractitionerDay {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private final Backbone backbone;
    private final Catalog catalog;

    PractitionerDay(Backbone backbone, Catalog catalog) {
        this.backbone = backbone;
        this.catalog = catalog;
    }

    public record Day(LocalDate date, String title, List<Hours> hours, List<Visit> visits) {
    }

    /** Where the practitioner works that weekday ("08:00–16:00, break 12:00–12:30"). */
    public record Hours(String clinic, String blocks, String breaks) {
    }

    public record Visit(String id, String time, String until, String clinic, String service, String patient,
                        String status, boolean walkIn) {
    }

    record WeeklyHours(List<Block> weekly) {
    }

    record Block(DayOfWeek day, LocalTime start, LocalTime end, List<Pause> breaks) {
    }

    record Pause(LocalTime start, LocalTime end) {
    }

    record PatientName(String id, String givenName, String familyName) {

        String name() {
            return ((givenName == null ? "" : givenName) + " " + (familyName == null ? "" : familyName)).strip();
        }
    }

    public Day load(String practitionerId, Set<String> clinicIds, LocalDate date, Locale locale) {
        Map<String, Clinic> clinics = catalog.clinics().stream()
                .collect(Collectors.toMap(Clinic::id, clinic -> clinic, (a, b) -> a));
        List<Appointment> appointments = backbone.booking().get()
                .uri("/api/appointments?practitionerId={id}&date={date}", practitionerId, date).retrieve()
                .body(new ParameterizedTypeReference<List<Appointment>>() { });
        Map<String, Map<String, String>> services = new HashMap<>();
        Map<String, String> patients = new HashMap<>();
        List<Visit> visits = (appointments == null ? List.<Appointment>of() : appointments).stream()
                .sorted(Comparator.comparing(Appointment::start)).map(appointment -> {
                    Clinic clinic = clinics.get(appointment.clinicId());
                    java.time.ZoneId zone = clinic == null ? java.time.ZoneOffset.UTC : clinic.zone();
                    String service = services.computeIfAbsent(appointment.clinicId(), this::serviceNames)
                            .getOrDefault(appointment.serviceId(), appointment.serviceId());
                    return new Visit(appointment.id(), TIME.format(appointment.start().atZone(zone)),
                            TIME.format(appointment.end().atZone(zone)),
                            clinic == null ? appointment.clinicId() : clinic.name(), service,
                            patients.computeIfAbsent(appointment.patientId(), this::patientName),
                            appointment.status(), appointment.walkIn());
                }).toList();
        List<Hours> hours = clinicIds.stream().sorted().map(clinicId -> hours(practitionerId, clinicId, date,
                clinics.containsKey(clinicId) ? clinics.get(clinicId).name() : clinicId))
                .filter(it -> it != null).toList();
        String title = DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(locale).format(date);
        return new Day(date, title, hours, visits);
    }

    private Hours hours(String practitionerId, String clinicId, LocalDate date, String clinicName) {
        WeeklyHours weekly = backbone.booking().get()
                .uri("/api/practitioners/{id}/hours/{clinicId}", practitionerId, clinicId).retrieve()
                .body(WeeklyHours.class);
        List<Block> blocks = weekly == null || weekly.weekly() == null ? List.of()
                : weekly.weekly().stream().filter(block -> block.day() == date.getDayOfWeek()).toList();
        if (blocks.isEmpty()) {
            return null;
        }
        return new Hours(clinicName,
                blocks.stream().map(it -> TIME.format(it.start()) + "–" + TIME.format(it.end()))
                        .collect(Collectors.joining(", ")),
                blocks.stream().flatMap(it -> it.breaks() == null ? java.util.stream.Stream.<Pause>empty()
                                : it.breaks().stream()).map(it -> TIME.format(it.start()) + "–" + TIME.format(it.end()))
                        .collect(Collectors.joining(", ")));
    }

    private Map<String, String> serviceNames(String clinicId) {
        return catalog.services(clinicId).stream()
                .collect(Collectors.toMap(ClinicService::id, ClinicService::name, (a, b) -> a));
    }

    /** The name only; blank when the record is not the practitioner's to see (or gone). */
    private String patientName(String patientId) {
        try {
            PatientName patient = backbone.patients().get().uri("/api/patients/{id}", patientId).retrieve()
                    .body(PatientName.class);
            return patient == null ? "" : patient.name();
        } catch (BackboneProblem problem) {
            if (problem.isNotFound() || problem.isForbidden()) {
                return "";
            }
            throw problem;
        }
    }
}
