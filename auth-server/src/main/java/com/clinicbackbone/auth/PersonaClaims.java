package com.clinicbackbone.auth;

import com.clinicbackbone.security.DemoPersona;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * Puts the persona's claims into every access token: {@code sub} = persona name, {@code role}, {@code clinic_ids}
 * (always an array, empty for operator and auditor), {@code patient_id} / {@code practitioner_id} where they
 * apply, {@code aud} = [clinic-backbone]. The persona is the token's principal: the client for client
 * credentials, the signed-in user for the authorization code grant (the users are the personas too). clinic-web's
 * client-credentials token is a visitor's: role PATIENT without a patient id or clinics.
 */
final class PersonaClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

    static final String AUDIENCE = "clinic-backbone";

    private static final Map<String, DemoPersona> PERSONAS = Arrays.stream(DemoPersona.values())
            .collect(Collectors.toUnmodifiableMap(DemoPersona::clientId, Function.identity()));

    @Override
    public void customize(JwtEncodingContext context) {
        if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
            return;
        }
        String name = context.getPrincipal().getName();
        if (name.equals(DemoClients.WEB_CLIENT)) {
            // clinic-web's own token for its public pages: a visitor, who sees what any patient sees before
            // signing in (clinics, online-bookable services, free times) and owns no record
            context.getClaims().subject(name).audience(List.of(AUDIENCE)).claim("role", "PATIENT")
                    .claim("clinic_ids", List.of());
            return;
        }
        DemoPersona persona = PERSONAS.get(name);
        if (persona == null) {
            throw new IllegalStateException("No demo persona named " + name);
        }
        context.getClaims().subject(persona.clientId())
                .audience(List.of(AUDIENCE))
                .claim("role", persona.role().name())
                .claim("clinic_ids", persona.clinicIds().stream().sorted().toList());
        if (persona.patientId() != null) {
            context.getClaims().claim("patient_id", persona.patientId());
        }
        if (persona.practitionerId() != null) {
            context.getClaims().claim("practitioner_id", persona.practitionerId());
        }
    }
}
