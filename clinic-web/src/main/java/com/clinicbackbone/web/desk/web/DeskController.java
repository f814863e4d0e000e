package com.clinicbackbone.web.desk.web;

import com.clinicbackbone.web.backbone.Catalog;
import com.clinicbackbone.web.backbone.Clinic;
import com.clinicbackbone.web.desk.CalendarPage;
import com.clinicbackbone.web.desk.DeskCalendar;
import com.clinicbackbone.web.signin.Person;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Locale;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The front desk's start (the clinics the person works at) and a clinic's calendar: a day or a week, in
 * clinic-local time. The calendar part is also served alone, for the page to reload it when the live stream says
 * an appointment of the clinic changed.
 */
@Controller
class DeskController {

    private final Catalog catalog;
    private final DeskCalendar calendar;
    private final Clock clock;

    DeskController(Catalog catalog, DeskCalendar calendar, ObjectProvider<Clock> clock) {
        this.catalog = catalog;
        this.calendar = calendar;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    @GetMapping("/desk")
    String clinics(Authentication authentication, Model model) {
        Person person = Person.of(authentication);
        model.addAttribute("clinics", catalog.clinics().stream().filter(clinic -> person.worksAt(clinic.id())).toList());
        return "desk/clinics";
    }

    @GetMapping("/desk/clinics/{clinicId}")
    String clinic(@PathVariable String clinicId,
                  @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
                  @RequestParam(defaultValue = "day") String view, @RequestParam(required = false) String serviceId,
                  Authentication authentication, Locale locale, Model model) {
        show(clinicId, date, view, serviceId, authentication, locale, model);
        return "desk/clinic";
    }

    @GetMapping("/desk/clinics/{clinicId}/calendar")
    String calendar(@PathVariable String clinicId,
                    @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
                    @RequestParam(defaultValue = "day") String view, @RequestParam(required = false) String serviceId,
                    Authentication authentication, Locale locale, Model model) {
        show(clinicId, date, view, serviceId, authentication, locale, model);
        return "desk/clinic :: calendar";
    }

    private void show(String clinicId, LocalDate date, String view, String serviceId, Authentication authentication,
                      Locale locale, Model model) {
        DeskAccess.requireDeskOf(authentication, clinicId);
        if (!view.equals("day") && !view.equals("week")) {
            throw new IllegalArgumentException("view is day or week");
        }
        Clinic clinic = catalog.clinic(clinicId);
        LocalDate day = date == null ? LocalDate.now(clock.withZone(clinic.zone())) : date;
        CalendarPage page = calendar.load(clinic, day, view.equals("week"), serviceId, locale);
        model.addAttribute("page", page);
        model.addAttribute("view", view);
        model.addAttribute("today", LocalDate.now(clock.withZone(clinic.zone())));
        model.addAttribute("calendarUrl", UriComponentsBuilder.fromPath("/desk/clinics/{id}/calendar")
                .queryParam("date", day).queryParam("view", view)
                .queryParam("serviceId", page.service() == null ? "" : page.service().id())
                .buildAndExpand(clinicId).encode().toUriString());
    }
}
