package com.clinicbackbone.web.desk.web;

import com.clinicbackbone.web.backbone.Catalog;
import com.clinicbackbone.web.signin.Person;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The front desk's start: the clinics the person works at. */
@Controller
class DeskController {

    private final Catalog catalog;

    DeskController(Catalog catalog) {
        this.catalog = catalog;
    }

    @GetMapping("/desk")
    String clinics(Authentication authentication, Model model) {
        Person person = Person.of(authentication);
        model.addAttribute("clinics", catalog.clinics().stream().filter(clinic -> person.worksAt(clinic.id())).toList());
        return "desk/clinics";
    }
}
