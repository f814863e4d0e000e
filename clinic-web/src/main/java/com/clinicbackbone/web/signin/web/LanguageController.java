package com.clinicbackbone.web.signin.web;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * {@code /language?lang=fr}: the language change itself is done by the locale interceptor (a cookie); this sends the
 * person back to the page they were on (same site only), else to the start page.
 */
@Controller
class LanguageController {

    @GetMapping("/language")
    String change(HttpServletRequest request) {
        String referer = request.getHeader("Referer");
        if (referer != null) {
            try {
                URI back = URI.create(referer);
                if (request.getServerName().equals(back.getHost()) && request.getServerPort() == back.getPort()
                        && back.getRawPath() != null && back.getRawPath().startsWith("/")) {
                    return "redirect:" + back.getRawPath() + (back.getRawQuery() == null ? "" : "?" + back.getRawQuery());
                }
            } catch (IllegalArgumentException e) {
                // a malformed Referer: go to the start page
            }
        }
        return "redirect:/";
    }
}
