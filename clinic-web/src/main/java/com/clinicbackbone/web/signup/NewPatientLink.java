package com.clinicbackbone.web.signup;

import java.util.Locale;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Gives every page the registration link as {@code newPatientUrl} (Thymeleaf's restricted mode refuses a bean call
 * with parameters inside {@code th:href}); the fragment {@code signup/link :: newPatient} shows it.
 */
@ControllerAdvice
class NewPatientLink {

    private final SignupLinks links;

    NewPatientLink(SignupLinks links) {
        this.links = links;
    }

    @ModelAttribute("newPatientUrl")
    String newPatientUrl(Locale locale) {
        return links.register(locale);
    }
}
