package com.clinicbackbone.web.me.web;

import com.clinicbackbone.web.backbone.Appointment;
import com.clinicbackbone.web.backbone.Availability;
import com.clinicbackbone.web.backbone.BackboneProblem;
import com.clinicbackbone.web.me.web.MyAppointments.Course;
import com.clinicbackbone.web.me.web.MyViews.AppointmentRow;
import com.clinicbackbone.web.me.web.MyViews.Names;
import com.clinicbackbone.web.me.web.MyViews.Refusal;
import com.clinicbackbone.web.signin.Person;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The signed-in patient's appointments ({@code /me}): upcoming and past, course progress, and cancelling or moving
 * one online while it is outside its late-cancellation window (inside it: call the clinic, with the number). Every
 * call carries the patient's own token, so an appointment id that is not theirs answers the "not found" page.
 */
@Controller
class MyPagesController {

    /** Free times to move to are shown two weeks at a time. */
    private static final int DAYS_SHOWN = 14;

    private final MyAppointments appointments;
    private final MyViews views;

    MyPagesController(MyAppointments appointments, MyViews views) {
        this.appointments = appointments;
        this.views = views;
    }

    @GetMapping("/me")
    String home(Authentication authentication, @RequestParam(required = false) String booked,
                @RequestParam(required = false) String cancelled, @RequestParam(required = false) String moved,
                Locale locale, Model model) {
        Person person = Person.of(authentication);
        Names names = views.names();
        model.addAttribute("clinics", names.clinics().stream()
                .filter(clinic -> person.clinicIds().isEmpty() || person.clinicIds().contains(clinic.id())).toList());
        if (person.patientId() == null) {
            return "me/home";
        }
        List<Course> courses = appointments.courses(person.patientId());
        List<AppointmentRow> rows = appointments.of(person.patientId()).stream()
                .map(appointment -> views.row(appointment, names, locale)).toList();
        Comparator<AppointmentRow> byStart = Comparator.comparing(row -> row.appointment().start());
        model.addAttribute("upcoming", rows.stream().filter(AppointmentRow::upcoming).sorted(byStart).toList());
        model.addAttribute("past", rows.stream().filter(row -> !row.upcoming()).sorted(byStart.reversed()).toList());
        model.addAttribute("courses", courses.stream().map(course -> views.course(course, names, locale)).toList());
        // a message only for an appointment that is really theirs (the id in the address could be anything)
        model.addAttribute("booked", listed(rows, booked));
        model.addAttribute("cancelled", listed(rows, cancelled));
        model.addAttribute("moved", listed(rows, moved));
        return "me/home";
    }

    @GetMapping("/me/appointments/{id}")
    String appointment(@PathVariable String id, Locale locale, Model model) {
        model.addAttribute("row", views.row(appointments.get(id), views.names(), locale));
        return "me/appointment";
    }

    @PostMapping("/me/appointments/{id}/cancel")
    String cancel(@PathVariable String id, Locale locale, Model model) {
        AppointmentRow row = views.row(appointments.get(id), views.names(), locale);
        try {
            appointments.cancel(id);
            return "redirect:/me?cancelled=" + id;
        } catch (BackboneProblem problem) {
            model.addAttribute("row", row);
            model.addAttribute("refusal", explained(problem, row, locale));
            return "me/appointment";
        }
    }

    @GetMapping("/me/appointments/{id}/move")
    String chooseNewTime(@PathVariable String id,
                         @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                         Locale locale, Model model) {
        AppointmentRow row = views.row(appointments.get(id), views.names(), locale);
        return movePage(row, from, null, locale, model);
    }

    @PostMapping("/me/appointments/{id}/move")
    String move(@PathVariable String id, @RequestParam Instant start, Locale locale, Model model) {
        AppointmentRow row = views.row(appointments.get(id), views.names(), locale);
        try {
            appointments.move(id, start);
            return "redirect:/me?moved=" + id;
        } catch (BackboneProblem problem) {
            return movePage(row, null, explained(problem, row, locale), locale, model);
        }
    }

    private String movePage(AppointmentRow row, LocalDate from, Refusal refusal, Locale locale, Model model) {
        model.addAttribute("row", row);
        model.addAttribute("refusal", refusal);
        if (!row.changeable()) {
            return "me/appointment";
        }
        Names names = views.names();
        var zone = names.clinic(row.clinicId()).zone();
        LocalDate today = LocalDate.ofInstant(views.now(), zone);
        LocalDate first = from == null || from.isBefore(today) ? today : from;
        LocalDate last = first.plusDays(DAYS_SHOWN - 1);
        Availability free = appointments.freeTimes(row.appointment(), first, last);
        Map<LocalDate, List<Option>> byDay = new TreeMap<>();
        for (Availability.Slot slot : free == null ? List.<Availability.Slot>of() : free.slots()) {
            byDay.computeIfAbsent(slot.start().atZone(zone).toLocalDate(), date -> new ArrayList<>())
                    .add(new Option(slot.start(), Words.time(slot.start(), zone, locale)));
        }
        model.addAttribute("days", byDay.entrySet().stream().map(day -> new Day(day.getKey(),
                Words.day(day.getValue().get(0).start(), zone, locale), day.getValue())).toList());
        model.addAttribute("earlier", first.isAfter(today) ? first.minusDays(DAYS_SHOWN) : null);
        model.addAttribute("later", last.plusDays(1));
        return "me/move";
    }

    private Refusal explained(BackboneProblem problem, AppointmentRow row, Locale locale) {
        Refusal refusal = views.refusal(problem, row.rules(), locale);
        if (refusal == null) {
            throw problem;
        }
        return refusal;
    }

    private static String listed(List<AppointmentRow> rows, String id) {
        return id != null && rows.stream().anyMatch(row -> row.id().equals(id)) ? id : null;
    }

    record Day(LocalDate date, String label, List<Option> times) {
    }

    record Option(Instant start, String time) {
    }
}
