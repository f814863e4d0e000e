package com.clinicbackbone.web.signin.web;

import com.clinicbackbone.web.signin.Person;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;

/** Where a sign-in lands, and the pages for an expired session and a page that is not the person's. */
@Controller
class SignInPages {

    @GetMapping("/signed-in")
    String signedIn(Authentication authentication) {
        Person person = Person.of(authentication);
        return "redirect:" + (person == null ? "/" : person.home());
    }

    @RequestMapping("/session-expired")
    @ResponseStatus(HttpStatus.FORBIDDEN)
    String sessionExpired() {
        return "session-expired";
    }

    @RequestMapping("/error/forbidden")
    @ResponseStatus(HttpStatus.FORBIDDEN)
    String forbidden() {
        return "forbidden";
    }
}
