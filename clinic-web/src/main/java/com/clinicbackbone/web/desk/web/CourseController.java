package com.clinicbackbone.web.desk.web;

import com.clinicbackbone.web.backbone.BackboneProblem;
import com.clinicbackbone.web.backbone.Catalog;
import com.clinicbackbone.web.backbone.Clinic;
import com.clinicbackbone.web.backbone.ClinicService;
import com.clinicbackbone.web.backbone.Practitioner;
import com.clinicbackbone.web.desk.Course;
import com.clinicbackbone.web.desk.CourseRefusal;
import com.clinicbackbone.web.desk.DeskBackbone;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.FormatStyle;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Treatment courses at the desk: find the patient, plan a series (sessions, the gap between them, preferred
 * weekdays and times, clinic-local), see the dates booked, or, when a session cannot be placed (nothing is booked
 * then), why and the free alternatives offered; taking one plans again with it. A patient's courses show their
 * progress.
 */
@Controller
class CourseController {

    private final Catalog catalog;
    private final DeskBackbone desk;
    private final Clock clock;

    CourseController(Catalog catalog, DeskBackbone desk, ObjectProvider<Clock> clock) {
        this.catalog = catalog;
        this.desk = desk;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /** The plan form, clinic-local; {@code preferredTimes} as typed ("10:00, 14:30"). */
    record PlanForm(String patientId, String serviceId, String practitionerId, Integer sessions,
                    Integer minDaysBetween, Integer maxDaysBetween,
                    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate firstDate,
                    @DateTimeFormat(pattern = "HH:mm") LocalTime firstTime, List<DayOfWeek> preferredWeekdays,
                    String preferredTimes) {

        PlanForm {
            preferredWeekdays = preferredWeekdays == null ? List.of() : List.copyOf(preferredWeekdays);
        }
    }

    /** A course's session as the page shows it. */
    record SessionRow(Course.Session session, String when) {
    }

    record CourseRow(Course course, String service, String practitioner, List<SessionRow> sessions) {
    }

    record Weekday(DayOfWeek day, String label) {
    }

    /** An alternative start offered for the session that could not be placed. */
    record Alternative(Instant start, String label) {
    }

    @GetMapping("/desk/clinics/{clinicId}/courses")
    String courses(@PathVariable String clinicId, @RequestParam(required = false) String patientId,
                   @RequestParam(required = false) String name, @RequestParam(required = false) String planned,
                   Authentication authentication, Locale locale, Model model) {
        DeskAccess.requireDeskOf(authentication, clinicId);
        Clinic clinic = catalog.clinic(clinicId);
        List<ClinicService> services = catalog.services(clinicId);
        PlanForm defaults = new PlanForm(patientId, services.isEmpty() ? null : services.get(0).id(), null, 3,
                7, 14, LocalDate.now(clock.withZone(clinic.zone())).plusDays(1), LocalTime.of(10, 0), List.of(), "");
        model.addAttribute("planned", planned);
        return page(clinic, defaults, name, locale, model);
    }

    @PostMapping("/desk/clinics/{clinicId}/courses")
    String plan(@PathVariable String clinicId, @ModelAttribute PlanForm form, @RequestParam String requestKey,
                @RequestParam(required = false) Instant alternative,
                @RequestParam(required = false) Integer alternativeSession, Authentication authentication,
                Locale locale, Model model, HttpServletResponse response) {
        DeskAccess.requireDeskOf(authentication, clinicId);
        Clinic clinic = catalog.clinic(clinicId);
        ZoneId zone = clinic.zone();
        List<LocalTime> times;
        try {
            times = times(form.preferredTimes());
        } catch (DateTimeParseException e) {
            model.addAttribute("timesInvalid", true);
            response.setStatus(400);
            return page(clinic, form, null, locale, model);
        }
        PlanForm asked = alternative == null ? form : withAlternative(form, times, alternative, alternativeSession,
                zone);
        try {
            Course course = desk.planCourse(plan(clinicId, asked, zone), requestKey);
            return "redirect:/desk/clinics/" + clinicId + "/courses?patientId=" + course.patientId() + "&planned="
                    + course.id();
        } catch (CourseRefusal refusal) {
            response.setStatus(409);
            DateTimeFormatter label = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.FULL, FormatStyle.SHORT)
                    .withLocale(locale);
            DateTimeFormatter date = DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale);
            model.addAttribute("courseRefusal", refusal);
            model.addAttribute("allowed", refusal.allowedFrom() == null ? null
                    : List.of(date.format(refusal.allowedFrom()), date.format(refusal.allowedTo())));
            model.addAttribute("alternatives", refusal.alternatives().stream()
                    .map(start -> new Alternative(start, label.format(start.atZone(zone)))).toList());
            return page(clinic, asked, null, locale, model);
        } catch (BackboneProblem problem) {
            if (!Refusal.shownInPlace(problem)) {
                throw problem;
            }
            response.setStatus(problem.status());
            model.addAttribute("refusal", Refusal.of(problem));
            return page(clinic, asked, null, locale, model);
        }
    }

    /**
     * Taking an alternative: for session 1 it becomes the first start; for a later session its time (and its weekday,
     * when weekdays are preferred) joins the preferences, so the planner may place that session there (or on an
     * earlier date that now fits). Without preferred times the first session's time of day is kept as one.
     */
    static PlanForm withAlternative(PlanForm form, List<LocalTime> times, Instant alternative, Integer session,
                                    ZoneId zone) {
        ZonedDateTime local = alternative.atZone(zone);
        if (session == null || session <= 1) {
            return new PlanForm(form.patientId(), form.serviceId(), form.practitionerId(), form.sessions(),
                    form.minDaysBetween(), form.maxDaysBetween(), local.toLocalDate(), local.toLocalTime(),
                    form.preferredWeekdays(), form.preferredTimes());
        }
        List<DayOfWeek> weekdays = new ArrayList<>(form.preferredWeekdays());
        if (!weekdays.isEmpty() && !weekdays.contains(local.getDayOfWeek())) {
            weekdays.add(local.getDayOfWeek());
        }
        List<LocalTime> preferred = new ArrayList<>(times);
        if (preferred.isEmpty() && form.firstTime() != null) {
            preferred.add(form.firstTime()); // the other sessions keep the first one's time of day
        }
        if (!preferred.contains(local.toLocalTime())) {
            preferred.add(local.toLocalTime());
        }
        return new PlanForm(form.patientId(), form.serviceId(), form.practitionerId(), form.sessions(),
                form.minDaysBetween(), form.maxDaysBetween(), form.firstDate(), form.firstTime(), weekdays,
                preferred.stream().sorted().map(LocalTime::toString).collect(Collectors.joining(", ")));
    }

    /** "10:00, 14:30" (commas or spaces between) in order; blank: none. */
    static List<LocalTime> times(String typed) {
        if (typed == null || typed.isBlank()) {
            return List.of();
        }
        return Arrays.stream(typed.split("[,;\\s]+")).filter(it -> !it.isBlank()).map(LocalTime::parse)
                .distinct().sorted().toList();
    }

    private static DeskBackbone.CoursePlan plan(String clinicId, PlanForm form, ZoneId zone) {
        Instant firstStart = form.firstDate() == null || form.firstTime() == null ? null
                : form.firstDate().atTime(form.firstTime()).atZone(zone).toInstant();
        return new DeskBackbone.CoursePlan(clinicId, form.serviceId(), form.practitionerId(), form.patientId(),
                form.sessions(), form.minDaysBetween(), form.maxDaysBetween(), firstStart, form.preferredWeekdays(),
                times(form.preferredTimes()));
    }

    private String page(Clinic clinic, PlanForm form, String name, Locale locale, Model model) {
        List<ClinicService> services = catalog.services(clinic.id());
        List<Practitioner> practitioners = catalog.practitioners(clinic.id());
        model.addAttribute("clinic", clinic);
        model.addAttribute("services", services);
        model.addAttribute("practitioners", practitioners);
        model.addAttribute("weekdays", Arrays.stream(DayOfWeek.values())
                .map(day -> new Weekday(day, day.getDisplayName(TextStyle.FULL, locale))).toList());
        model.addAttribute("form", form);
        model.addAttribute("requestKey", UUID.randomUUID().toString());
        model.addAttribute("name", name);
        if (name != null && !name.isBlank()) {
            model.addAttribute("results", desk.searchPatients(name.strip()));
        }
        if (form.patientId() != null && !form.patientId().isBlank()) {
            model.addAttribute("patient", desk.patient(form.patientId()));
            Map<String, String> serviceNames = services.stream()
                    .collect(Collectors.toMap(ClinicService::id, ClinicService::name, (a, b) -> a));
            Map<String, String> practitionerNames = practitioners.stream()
                    .collect(Collectors.toMap(Practitioner::id, Practitioner::name, (a, b) -> a));
            DateTimeFormatter when = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.FULL, FormatStyle.SHORT)
                    .withLocale(locale);
            Function<Course, CourseRow> row = course -> new CourseRow(course,
                    serviceNames.getOrDefault(course.serviceId(), course.serviceId()),
                    practitionerNames.getOrDefault(course.practitionerId(), course.practitionerId()),
                    course.sessions().stream().map(session -> new SessionRow(session,
                            when.format(session.start().atZone(clinic.zone())))).toList());
            model.addAttribute("courses", desk.courses(form.patientId()).stream()
                    .filter(course -> course.clinicId().equals(clinic.id())).map(row).toList());
        }
        return "desk/courses";
    }
}
