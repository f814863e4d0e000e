package com.clinicbackbone.web.signup;

import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Where a new patient makes their account: the local issuer's {@code /register} page by default;
 * {@code web.signup.register-uri} points elsewhere (Keycloak's registration page in compose). Pages get it as
 * {@code newPatientUrl} ({@link NewPatientLink}).
 */
@Component("signupLinks")
public class SignupLinks {

    private final String registerUri;

    SignupLinks(@Value("${web.signup.register-uri:${web.issuer}/register}") String registerUri) {
        this.registerUri = registerUri;
    }

    /** The registration page, in the page's language. */
    public String register(Locale locale) {
        return UriComponentsBuilder.fromUriString(registerUri)
                .queryParam("lang", locale != null && locale.getLanguage().equals("fr") ? "fr" : "en")
                .build().toUriString();
    }
}
