package com.clinicbackbone.web.clinics.web;

import com.clinicbackbone.web.backbone.BackboneProblem;
import com.clinicbackbone.web.backbone.Catalog;
import com.clinicbackbone.web.backbone.Clinic;
import com.clinicbackbone.web.clinics.web.PublicFreeTimes.ServiceCard;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The public pages (no sign-in, no personal data, everything read as a visitor): the clinics, and a clinic's
 * online-bookable services with the free times of one of them for two weeks, grouped by clinic-local day. A free
 * time links to the signed-in booking form ({@code /me/book}), so a visitor is asked to sign in first.
 */
@Controller
class ClinicPagesController {

    private final Catalog catalog;
    private final PublicFreeTimes freeTimes;

    ClinicPagesController(Catalog catalog, PublicFreeTimes freeTimes) {
        this.catalog = catalog;
        this.freeTimes = freeTimes;
    }

    @GetMapping("/")
    String home(Model model) {
        model.addAttribute("clinics", catalog.clinics());
        return "home";
    }

    @GetMapping("/clinics/{clinicId}")
    String clinic(@PathVariable String clinicId, @RequestParam(required = false) String serviceId,
                  @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                  Locale locale, Model model) {
        Clinic clinic = catalog.clinic(clinicId);
        List<ServiceCard> services = freeTimes.onlineServices(clinic, locale);
        model.addAttribute("clinic", clinic);
        model.addAttribute("services", services);
        if (!services.isEmpty()) {
            ServiceCard chosen = serviceId == null ? services.get(0) : services.stream()
                    .filter(card -> card.service().id().equals(serviceId)).findFirst()
                    .orElseThrow(() -> new BackboneProblem(404, "Not Found", "no online service " + serviceId,
                            null, null));
            model.addAttribute("chosen", chosen);
            model.addAttribute("window", freeTimes.window(clinic, chosen, from, locale));
        }
        return "clinics/clinic";
    }
}
