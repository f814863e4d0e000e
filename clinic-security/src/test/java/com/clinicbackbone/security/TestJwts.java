package com.clinicbackbone.security;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;

import java.util.List;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.JwtRequestPostProcessor;

/** For MockMvc slices (needs spring-boot-starter-security-test): a request signed in as a demo persona. */
public final class TestJwts {

    private TestJwts() {
    }

    public static JwtRequestPostProcessor as(DemoPersona persona) {
        return jwt().jwt(token -> {
            token.subject(persona.clientId()).audience(List.of(TestIssuer.AUDIENCE))
                    .claim(Caller.ROLE, persona.role().name())
                    .claim(Caller.CLINIC_IDS, List.copyOf(persona.clinicIds()));
            if (persona.patientId() != null) {
                token.claim(Caller.PATIENT_ID, persona.patientId());
            }
            if (persona.practitionerId() != null) {
                token.claim(Caller.PRACTITIONER_ID, persona.practitionerId());
            }
        }).authorities(new SimpleGrantedAuthority("ROLE_" + persona.role().name()));
    }
}
