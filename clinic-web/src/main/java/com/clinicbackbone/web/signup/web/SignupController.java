package com.clinicbackbone.web.signup.web;

import com.clinicbackbone.web.backbone.BackboneProblem;
import com.clinicbackbone.web.backbone.Catalog;
import com.clinicbackbone.web.signin.Person;
import com.clinicbackbone.web.signup.NewPatients;
import com.clinicbackbone.web.signup.NewPatients.RecordDetails;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The short form a new patient fills once, after making their account at the issuer: clinic, names, birth date,
 * phone (optional), language. On submit their record is found by their verified email or made, their account is
 * linked to it, and they sign in again (silently, the issuer's session is still there) so that their new token
 * carries the record; they land on {@code /me}. Anyone else opening the form goes to their own start page.
 */
@Controller
@RequestMapping(SignupRedirect.FORM)
class SignupController {

    /** The form's fields in their order on the page, as patient-service names them in its problems. */
    static final List<String> FIELDS = List.of("clinicId", "givenName", "familyName", "birthDate", "phone",
            "language");

    private final NewPatients newPatients;
    private final Catalog catalog;

    SignupController(NewPatients newPatients, Catalog catalog) {
        this.newPatients = newPatients;
        this.catalog = catalog;
    }

    @GetMapping
    String form(Authentication authentication, Locale locale, Model model) {
        Person person = Person.of(authentication);
        if (!NewPatients.needsRecord(person)) {
            return "redirect:" + (person == null ? "/" : person.home());
        }
        return page(model, new RecordDetails(null, null, null, null, null, locale.getLanguage().equals("fr")
                ? "fr" : "en"), List.of(), null);
    }

    @PostMapping
    String submit(Authentication authentication, @ModelAttribute RecordDetails details, Model model,
                  HttpServletResponse response) {
        Person person = Person.of(authentication);
        if (!NewPatients.needsRecord(person)) {
            return "redirect:" + (person == null ? "/" : person.home());
        }
        try {
            newPatients.signUp((OidcUser) authentication.getPrincipal(), details);
        } catch (BackboneProblem problem) {
            if (problem.status() == 400) {
                response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
                List<String> wrong = new ArrayList<>(FIELDS.stream().filter(problem.errors()::containsKey).toList());
                if (wrong.size() < problem.errors().size() || wrong.isEmpty()) {
                    wrong.add("other");
                }
                return page(model, details, wrong, null);
            }
            if (problem.status() == 403) {
                response.setStatus(HttpServletResponse.SC_FORBIDDEN);
                return page(model, details, List.of(), "signup.refused");
            }
            throw problem;
        }
        // a new sign-in, so that the person's token (and this session) carries their record
        return "redirect:/oauth2/authorization/backbone";
    }

    private String page(Model model, RecordDetails details, List<String> errors, String refusal) {
        model.addAttribute("details", details);
        model.addAttribute("clinics", catalog.clinics());
        model.addAttribute("errors", errors);
        model.addAttribute("refusal", refusal);
        return "signup/record";
    }
}
