package com.clinicbackbone.web.me.web;

import com.clinicbackbone.web.backbone.Backbone;
import com.clinicbackbone.web.backbone.BackboneProblem;
import com.clinicbackbone.web.signin.Person;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The patient's language for messages, the channels reminders go to, and their consents (patient-service, with the
 * patient's own token). Email and phone are shown, not changed here: the contact change sends back the ones on
 * record, so only language and channels can change through this form.
 */
@Controller
class MySettingsController {

    static final String CONSENT_METHOD = "online, patient pages";
    private static final List<String> CHANNELS = List.of("EMAIL", "SMS");

    private final Backbone backbone;

    MySettingsController(Backbone backbone) {
        this.backbone = backbone;
    }

    @GetMapping("/me/settings")
    String settings(Authentication authentication, @RequestParam(required = false) String saved, Model model) {
        Contact contact = contact(patientId(authentication));
        model.addAttribute("contact", contact);
        model.addAttribute("language", contact.language());
        model.addAttribute("channels", contact.channels());
        model.addAttribute("saved", "contact".equals(saved) || "consents".equals(saved) ? saved : null);
        return "me/settings";
    }

    @PostMapping("/me/settings/contact")
    String changeContact(Authentication authentication, @RequestParam String language,
                         @RequestParam(required = false) List<String> channels, Model model) {
        String patientId = patientId(authentication);
        Contact contact = contact(patientId);
        List<String> chosen = channels == null ? List.of() : channels.stream().filter(CHANNELS::contains).toList();
        String lang = "fr".equals(language) ? "fr" : "en";
        try {
            backbone.patients().put().uri("/api/patients/{id}/contact", patientId)
                    .body(Map.of("email", nullToEmpty(contact.email()), "phone", nullToEmpty(contact.phone()),
                            "language", lang, "channels", chosen))
                    .retrieve().toBodilessEntity();
        } catch (BackboneProblem problem) {
            if (problem.status() != 400) {
                throw problem;
            }
            model.addAttribute("contact", contact);
            model.addAttribute("language", lang);
            model.addAttribute("channels", chosen);
            model.addAttribute("errors", problem.errors().keySet());
            return "me/settings";
        }
        // the pages follow the language chosen for the messages
        return "redirect:/me/settings?saved=contact&lang=" + lang;
    }

    @PostMapping("/me/settings/consents")
    String recordConsents(Authentication authentication, @RequestParam(required = false) List<String> granted) {
        List<String> yes = granted == null ? List.of() : granted;
        backbone.patients().put().uri("/api/patients/{id}/consents", patientId(authentication))
                .body(Map.of("consents", CHANNELS.stream().map(channel -> Map.of("channel", channel,
                        "granted", yes.contains(channel), "method", CONSENT_METHOD)).toList()))
                .retrieve().toBodilessEntity();
        return "redirect:/me/settings?saved=consents";
    }

    private Contact contact(String patientId) {
        return backbone.patients().get().uri("/api/patients/{id}/contact", patientId).retrieve().body(Contact.class);
    }

    private static String patientId(Authentication authentication) {
        String patientId = Person.of(authentication).patientId();
        if (patientId == null) {
            throw new BackboneProblem(404, "Not Found", "no patient record", null, null);
        }
        return patientId;
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    /** {@code GET /api/patients/{id}/contact}. */
    record Contact(String id, String email, String phone, String language, List<String> channels,
                   List<Consent> consents, long revision) {

        public boolean consented(String channel) {
            return consents != null && consents.stream()
                    .anyMatch(consent -> consent.channel().equals(channel) && consent.granted());
        }
    }

    record Consent(String channel, boolean granted, String method, Instant recordedAt) {
    }
}
