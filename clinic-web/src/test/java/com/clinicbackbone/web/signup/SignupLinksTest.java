package com.clinicbackbone.web.signup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class SignupLinksTest {

    @Test
    void linksToTheIssuersRegistrationInThePagesLanguage() {
        SignupLinks links = new SignupLinks("http://127.0.0.1:9000/register");

        assertThat(links.register(Locale.FRENCH)).isEqualTo("http://127.0.0.1:9000/register?lang=fr");
        assertThat(links.register(Locale.CANADA_FRENCH)).isEqualTo("http://127.0.0.1:9000/register?lang=fr");
        assertThat(links.register(Locale.GERMAN)).isEqualTo("http://127.0.0.1:9000/register?lang=en");
    }

    @Test
    void keepsTheQueryOfAnotherRegistrationPage() {
        SignupLinks links = new SignupLinks(
                "http://keycloak:8080/realms/clinic/protocol/openid-connect/registrations?client_id=clinic-web");

        assertThat(links.register(Locale.ENGLISH)).endsWith("registrations?client_id=clinic-web&lang=en");
    }
}
