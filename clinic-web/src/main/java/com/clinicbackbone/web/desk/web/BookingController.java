package com.clinicbackbone.web.desk.web;

import com.clinicbackbone.web.backbone.Appointment;
import com.clinicbackbone.web.backbone.BackboneProblem;
import com.clinicbackbone.web.backbone.Catalog;
import com.clinicbackbone.web.backbone.Clinic;
import com.clinicbackbone.web.desk.DeskBackbone;
import com.clinicbackbone.web.desk.Patient;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Booking from a free time (or a walk-in): find the patient or register a new one (the answer says when an existing
 * record was linked instead of a duplicate), pick service and practitioner, book. A refusal is explained next to
 * the form in plain words and nothing is booked; the clinic always comes from the path, never from the form.
 */
@Controller
class BookingController {

    private final Catalog catalog;
    private final DeskBackbone desk;

    BookingController(Catalog catalog, DeskBackbone desk) {
        this.catalog = catalog;
        this.desk = desk;
    }

    /** What is being booked; {@code start} null for a walk-in (it starts now). */
    record Slot(String serviceId, String practitionerId, Instant start, Boolean walkIn) {

        public boolean isWalkIn() {
            return Boolean.TRUE.equals(walkIn);
        }
    }

    /** A new patient as the desk types them in. */
    record NewPatient(String givenName, String familyName,
                      @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate birthDate, String email, String phone,
                      String language, List<String> channels) {
    }

    @GetMapping("/desk/clinics/{clinicId}/book")
    String bookPage(@PathVariable String clinicId, @ModelAttribute("slot") Slot slot,
                    @RequestParam(required = false) String name, @RequestParam(required = false) String patientId,
                    @RequestParam(required = false) String registered, Authentication authentication, Locale locale,
                    Model model) {
        DeskAccess.requireDeskOf(authentication, clinicId);
        if (patientId != null && !patientId.isBlank()) {
            model.addAttribute("chosen", desk.patient(patientId));
            model.addAttribute("chosenId", patientId);
        }
        model.addAttribute("registered", "linked".equals(registered) ? "linked" : "new".equals(registered) ? "new" : null);
        return page(clinicId, slot, name, new NewPatient(null, null, null, null, null, locale.getLanguage(),
                List.of("EMAIL", "SMS")), locale, model);
    }

    @PostMapping("/desk/clinics/{clinicId}/appointments")
    String book(@PathVariable String clinicId, @ModelAttribute("slot") Slot slot,
                @RequestParam(required = false) String patientId,
                @RequestParam String requestKey, @RequestParam(required = false) String name,
                Authentication authentication, Locale locale, Model model, HttpServletResponse response) {
        DeskAccess.requireDeskOf(authentication, clinicId);
        try {
            Appointment booked = desk.book(new DeskBackbone.Booking(clinicId, slot.serviceId(), slot.practitionerId(),
                    patientId, slot.isWalkIn() ? null : slot.start(), slot.isWalkIn() ? Boolean.TRUE : null), requestKey);
            return "redirect:/desk/clinics/" + booked.clinicId() + "/appointments/" + booked.id() + "?done=booked";
        } catch (BackboneProblem problem) {
            if (!Refusal.shownInPlace(problem)) {
                throw problem;
            }
            response.setStatus(problem.status());
            model.addAttribute("refusal", Refusal.of(problem));
            model.addAttribute("chosenId", patientId);
            chosen(patientId, model);
            return page(clinicId, slot, name, new NewPatient(null, null, null, null, null,
                    locale.getLanguage(), List.of("EMAIL", "SMS")), locale, model);
        }
    }

    @PostMapping("/desk/clinics/{clinicId}/patients")
    String register(@PathVariable String clinicId, @ModelAttribute("slot") Slot slot,
                    @ModelAttribute("newPatient") NewPatient patient, Authentication authentication, Locale locale,
                    Model model, HttpServletResponse response) {
        DeskAccess.requireDeskOf(authentication, clinicId);
        try {
            Patient registered = desk.register(new DeskBackbone.Registration(patient.givenName(),
                    patient.familyName(), patient.birthDate(), patient.email(), patient.phone(), patient.language(),
                    patient.channels() == null ? List.of() : patient.channels(), clinicId));
            return "redirect:" + UriComponentsBuilder.fromPath("/desk/clinics/{clinicId}/book")
                    .queryParam("serviceId", slot.serviceId()).queryParam("practitionerId", slot.practitionerId())
                    .queryParamIfPresent("start", Optional.ofNullable(slot.start()))
                    .queryParam("walkIn", slot.isWalkIn()).queryParam("patientId", registered.id())
                    .queryParam("registered", registered.linked() ? "linked" : "new")
                    .buildAndExpand(clinicId).encode().toUriString();
        } catch (BackboneProblem problem) {
            if (!Refusal.shownInPlace(problem)) {
                throw problem;
            }
            response.setStatus(problem.status());
            model.addAttribute("registrationRefusal", Refusal.of(problem));
            return page(clinicId, slot, null, patient, locale, model);
        }
    }

    /** The patient the refused booking was for, when the desk may still see them. */
    private void chosen(String patientId, Model model) {
        if (patientId == null || patientId.isBlank()) {
            return;
        }
        try {
            model.addAttribute("chosen", desk.patient(patientId));
        } catch (BackboneProblem problem) {
            // a tampered or foreign id: the refusal says why; nothing to show
        }
    }

    /** Every form shown gets a fresh key: sent twice it books once; changed and sent again it is a new request. */
    private String page(String clinicId, Slot slot, String name, NewPatient newPatient, Locale locale, Model model) {
        Clinic clinic = catalog.clinic(clinicId);
        model.addAttribute("clinic", clinic);
        model.addAttribute("services", catalog.services(clinicId));
        model.addAttribute("practitioners", catalog.practitioners(clinicId));
        model.addAttribute("when", slot.isWalkIn() || slot.start() == null ? null
                : DateTimeFormatter.ofLocalizedDateTime(FormatStyle.FULL, FormatStyle.SHORT).withLocale(locale)
                        .format(slot.start().atZone(clinic.zone())));
        model.addAttribute("name", name);
        if (name != null && !name.isBlank()) {
            try {
                model.addAttribute("results", desk.searchPatients(name.strip()));
            } catch (BackboneProblem problem) {
                if (problem.status() != 400) {
                    throw problem;
                }
                model.addAttribute("searchRefusal", Refusal.of(problem));
            }
        }
        model.addAttribute("requestKey", UUID.randomUUID().toString());
        model.addAttribute("newPatient", newPatient);
        return "desk/book";
    }
}
