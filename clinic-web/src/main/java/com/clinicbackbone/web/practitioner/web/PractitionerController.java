package com.clinicbackbone.web.practitioner.web;

import com.clinicbackbone.web.backbone.Catalog;
import com.clinicbackbone.web.backbone.Clinic;
import com.clinicbackbone.web.practitioner.PractitionerDay;
import com.clinicbackbone.web.signin.Person;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The practitioner's own day across clinics, read only; reloaded live when one of their clinics' appointments changes. */
@Controller
class PractitionerController {

    private final PractitionerDay days;
    private final Catalog catalog;
    private final Clock clock;

    PractitionerController(PractitionerDay days, Catalog catalog, ObjectProvider<Clock> clock) {
        this.days = days;
        this.catalog = catalog;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    @GetMapping("/practitioner")
    String day(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
               Authentication authentication, Locale locale, Model model) {
        show(date, authentication, locale, model);
        return "practitioner/day";
    }

    @GetMapping("/practitioner/day")
    String fragment(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
                    Authentication authentication, Locale locale, Model model) {
        show(date, authentication, locale, model);
        return "practitioner/day :: day";
    }

    private void show(LocalDate date, Authentication authentication, Locale locale, Model model) {
        Person person = Person.of(authentication);
        if (person == null || person.practitionerId() == null) {
            throw new AccessDeniedException("not a practitioner");
        }
        ZoneId zone = catalog.clinics().stream().filter(clinic -> person.clinicIds().contains(clinic.id()))
                .map(Clinic::zone).findFirst().orElse(ZoneId.of("UTC"));
        LocalDate today = LocalDate.now(clock.withZone(zone));
        LocalDate day = date == null ? today : date;
        model.addAttribute("day", days.load(person.practitionerId(), person.clinicIds(), day, locale));
        model.addAttribute("today", today);
    }
}
