package com.clinicbackbone.auth.account;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A new patient's account on the local issuer, in two forms: their email, to which a one-time code is sent; then the
 * code and a password, which make the account (username = the email in lower case, role PATIENT, no record yet).
 * Then the normal sign-in, through clinic-web. The first form answers the same whether the address has an account
 * or not (that address gets a note instead of a code), and a wrong code and an existing account get the same
 * answer, so the pages do not tell who has an account. The address being registered stays in the session, never
 * in the form. Forms carry the CSRF token.
 */
@Controller
@RequestMapping("/register")
class RegistrationController {

    static final String EMAIL = RegistrationController.class.getName() + ".email";
    static final int MIN_PASSWORD = 10;
    static final int MAX_PASSWORD = 64;
    /** BCrypt reads at most 72 bytes. */
    static final int MAX_PASSWORD_BYTES = 72;
    static final int MAX_EMAIL = 254;
    /** patient-service's rule for an email, so the address is accepted on the patient record too. */
    static final Pattern EMAIL_FORMAT = Pattern.compile(
            "^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
                    + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$");

    private static final Logger log = LoggerFactory.getLogger(RegistrationController.class);

    private final Accounts accounts;
    private final OneTimeCodes codes;
    private final RegistrationMail mail;
    private final PasswordEncoder passwords;
    private final RegistrationSettings settings;

    RegistrationController(Accounts accounts, OneTimeCodes codes, RegistrationMail mail, PasswordEncoder passwords,
                           RegistrationSettings settings) {
        this.accounts = accounts;
        this.codes = codes;
        this.mail = mail;
        this.passwords = passwords;
        this.settings = settings;
    }

    @GetMapping
    String emailForm() {
        return "register/email";
    }

    @PostMapping
    String sendCode(@RequestParam(defaultValue = "") String email, HttpSession session, Locale locale, Model model,
                    HttpServletResponse response) {
        String address = Accounts.usernameOf(email);
        if (address.length() > MAX_EMAIL || !EMAIL_FORMAT.matcher(address).matches()) {
            return again("register/email", model, response, Map.of("email", "register.email.invalid"),
                    Map.of("email", email.length() > MAX_EMAIL ? "" : email));
        }
        Optional<String> code = codes.issue(address);
        if (code.isPresent()) {
            try {
                if (accounts.find(address).isPresent()) {
                    mail.sendAlreadyRegistered(address, locale);
                } else {
                    mail.sendCode(address, code.get(), locale);
                }
            } catch (MailException e) {
                codes.withdraw(address);
                log.warn("Could not send a registration email: {}", e.getClass().getSimpleName());
                response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
                model.addAttribute("email", email);
                model.addAttribute("failure", "register.mail.failed");
                return "register/email";
            }
        }
        session.setAttribute(EMAIL, address);
        return "redirect:/register/code";
    }

    @GetMapping("/code")
    String codeForm(HttpSession session, Model model) {
        String address = (String) session.getAttribute(EMAIL);
        if (address == null) {
            return "redirect:/register";
        }
        model.addAttribute("email", address);
        return "register/code";
    }

    /** The password is checked first, so that a typo in it does not use up an attempt at the code. */
    @PostMapping("/code")
    String createAccount(@RequestParam(defaultValue = "") String code,
                         @RequestParam(defaultValue = "") String password,
                         @RequestParam(defaultValue = "") String passwordRepeat, HttpSession session, Model model,
                         HttpServletResponse response) {
        String address = (String) session.getAttribute(EMAIL);
        if (address == null) {
            return "redirect:/register";
        }
        model.addAttribute("email", address);
        Map<String, String> errors = new LinkedHashMap<>();
        if (password.length() < MIN_PASSWORD) {
            errors.put("password", "register.password.short");
        } else if (password.length() > MAX_PASSWORD
                || password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            errors.put("password", "register.password.long");
        } else if (!password.equals(passwordRepeat)) {
            errors.put("passwordRepeat", "register.password.different");
        }
        if (!errors.isEmpty()) {
            return again("register/code", model, response, errors, Map.of("code", code.strip()));
        }
        if (!codes.redeem(address, code)
                || accounts.create(address, passwords.encode(password)).isEmpty()) {
            return again("register/code", model, response, Map.of("code", "register.code.wrong"), Map.of());
        }
        session.removeAttribute(EMAIL);
        return "redirect:/register/done";
    }

    @GetMapping("/done")
    String done(Model model) {
        model.addAttribute("signInUrl", settings.signInUrl());
        return "register/done";
    }

    /** The form again with its errors (message keys by field) and what was typed (never a password). */
    private static String again(String view, Model model, HttpServletResponse response, Map<String, String> errors,
                                Map<String, String> values) {
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        model.addAttribute("errors", errors);
        model.addAllAttributes(values);
        return view;
    }
}
