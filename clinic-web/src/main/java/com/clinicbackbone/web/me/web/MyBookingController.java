package com.clinicbackbone.web.me.web;

import com.clinicbackbone.web.backbone.Appointment;
import com.clinicbackbone.web.backbone.BackboneProblem;
import com.clinicbackbone.web.backbone.Clinic;
import com.clinicbackbone.web.backbone.ClinicService;
import com.clinicbackbone.web.me.web.MyViews.Names;
import com.clinicbackbone.web.me.web.MyViews.Refusal;
import com.clinicbackbone.web.me.web.MyViews.Rules;
import com.clinicbackbone.web.signin.Person;
import java.util.Locale;
import java.util.UUID;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * Booking a free time chosen on a clinic's public page: the form shows what will be booked and the online rules in
 * words; booking-service decides (the patient's own token and own patient id). A refusal is explained in place
 * and nothing is booked.
 */
@Controller
class MyBookingController {

    private final MyAppointments appointments;
    private final MyViews views;

    MyBookingController(MyAppointments appointments, MyViews views) {
        this.appointments = appointments;
        this.views = views;
    }

    @GetMapping("/me/book")
    String form(BookingForm form, BindingResult binding, Authentication authentication, Locale locale, Model model) {
        describe(checked(form, binding), locale, model);
        model.addAttribute("form", form.withKey(UUID.randomUUID().toString()));
        model.addAttribute("hasRecord", Person.of(authentication).patientId() != null);
        return "me/book";
    }

    @PostMapping("/me/book")
    String book(BookingForm form, BindingResult binding, Authentication authentication, Locale locale, Model model) {
        Person person = Person.of(authentication);
        Rules rules = describe(checked(form, binding), locale, model);
        if (person.patientId() == null) {
            throw new BackboneProblem(403, "Forbidden", "no patient record", null, null);
        }
        try {
            Appointment booked = appointments.book(person.patientId(), form);
            return "redirect:/me?booked=" + booked.id();
        } catch (BackboneProblem problem) {
            Refusal refusal = views.refusal(problem, rules, locale);
            if (refusal == null) {
                throw problem;
            }
            model.addAttribute("form", form);
            model.addAttribute("refusal", refusal);
            model.addAttribute("hasRecord", true);
            return "me/book";
        }
    }

    private static BookingForm checked(BookingForm form, BindingResult binding) {
        if (binding.hasErrors() || !form.isComplete()) {
            throw new IllegalArgumentException("incomplete or tampered booking form");
        }
        return form;
    }

    /** What is about to be booked, in words, with the service's rules. */
    private Rules describe(BookingForm form, Locale locale, Model model) {
        Names names = views.names();
        Clinic clinic = names.clinic(form.clinicId());
        ClinicService service = names.service(clinic.id(), form.serviceId());
        if (service == null) {
            throw new BackboneProblem(404, "Not Found", "no service " + form.serviceId(), null, null);
        }
        Rules rules = views.rules(clinic, service, locale);
        model.addAttribute("clinic", clinic);
        model.addAttribute("service", service);
        model.addAttribute("practitionerName", names.practitioner(clinic.id(), form.practitionerId()));
        model.addAttribute("day", Words.day(form.start(), clinic.zone(), locale));
        model.addAttribute("time", Words.time(form.start(), clinic.zone(), locale));
        model.addAttribute("rules", rules);
        return rules;
    }
}
