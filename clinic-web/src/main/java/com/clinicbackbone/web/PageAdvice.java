package com.clinicbackbone.web;

import com.clinicbackbone.web.backbone.BackboneProblem;
import com.clinicbackbone.web.signin.Person;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.ClientAuthorizationException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;

/**
 * Every page gets the signed-in person (or null). A refusal nobody handled on the page itself becomes a clear page:
 * not yours (403), not found (404), a service not answering (503), a tampered parameter (400); never a stack trace.
 */
@ControllerAdvice
class PageAdvice {

    private static final Logger log = LoggerFactory.getLogger(PageAdvice.class);

    @ModelAttribute("person")
    Person person(Authentication authentication) {
        return Person.of(authentication);
    }

    @ExceptionHandler(BackboneProblem.class)
    ModelAndView refused(BackboneProblem problem) {
        HttpStatus status = switch (problem.status()) {
            case 401 -> HttpStatus.FORBIDDEN;
            case 403, 404, 400, 409, 422 -> HttpStatus.valueOf(problem.status());
            default -> HttpStatus.BAD_GATEWAY;
        };
        if (problem.status() == 401) {
            return page("session-expired", status, null);
        }
        return page("error", status, problem.detail());
    }

    @ExceptionHandler(ResourceAccessException.class)
    ModelAndView notAnswering(ResourceAccessException e) {
        log.warn("A service did not answer: {}", e.getMessage());
        return page("error", HttpStatus.SERVICE_UNAVAILABLE, null);
    }

    /** The person's token could not be refreshed (the issuer's session ended): sign in again. */
    @ExceptionHandler(ClientAuthorizationException.class)
    ModelAndView signInAgain(ClientAuthorizationException e) {
        return page("session-expired", HttpStatus.FORBIDDEN, null);
    }

    @ExceptionHandler({MethodArgumentTypeMismatchException.class, MissingServletRequestParameterException.class,
            IllegalArgumentException.class})
    ModelAndView badRequest(Exception e) {
        return page("error", HttpStatus.BAD_REQUEST, null);
    }

    private static ModelAndView page(String view, HttpStatus status, String detail) {
        ModelAndView page = new ModelAndView(view, status);
        page.addObject("status", status.value());
        page.addObject("detail", detail);
        return page;
    }
}
