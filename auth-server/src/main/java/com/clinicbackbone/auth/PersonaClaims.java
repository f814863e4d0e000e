package com.clinicbackbone.auth;

import com.clinicbackbone.auth.account.Account;
import com.clinicbackbone.auth.account.Accounts;
import com.clinicbackbone.security.DemoPersona;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * Puts the persona's claims into every access token: {@code sub} = persona name, {@code role}, {@code clinic_ids}
 * (always an array, empty for operator and auditor), {@code patient_id} / {@code practitioner_id} where they
 * apply, {@code aud} = [clinic-backbone]. The persona is the token's principal: the client for client
 * credentials, the signed-in user for the authorization code grant (the users are the personas too). clinic-web's
 * client-credentials token is a visitor's: role PATIENT without a patient id or clinics.
 *
 * <p>A self-registered {@link Account} signs in by its username (its email): its access token has {@code sub} = the
 * account id, role PATIENT, {@code email}, {@code email_verified} true (the registration proved it),
 * {@code clinic_ids} and {@code patient_id} of the linked record (none before); its ID token the same {@code sub},
 * {@code email}, {@code email_verified} and {@code preferred_username} = the email. Read at every issue, so a new
 * sign-in or a refresh after the link carries it.
 */
final class PersonaClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

    static final String AUDIENCE = "clinic-backbone";
    private static final OAuth2TokenType ID_TOKEN = new OAuth2TokenType(OidcParameterNames.ID_TOKEN);

    private static final Map<String, DemoPersona> PERSONAS = Arrays.stream(DemoPersona.values())
            .collect(Collectors.toUnmodifiableMap(DemoPersona::clientId, Function.identity()));

    private final Accounts accounts;

    PersonaClaims(Accounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public void customize(JwtEncodingContext context) {
        String name = context.getPrincipal().getName();
        if (ID_TOKEN.equals(context.getTokenType())) {
            accountOf(name).ifPresent(account -> context.getClaims().subject(account.id())
                    .claim("email", account.username()).claim("email_verified", true)
                    .claim("preferred_username", account.username()));
            return;
        }
        if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
            return;
        }
        if (name.equals(DemoClients.WEB_CLIENT)) {
            // clinic-web's own token for its public pages: a visitor, who sees what any patient sees before
            // signing in (clinics, online-bookable services, free times) and owns no record
            context.getClaims().subject(name).audience(List.of(AUDIENCE)).claim("role", "PATIENT")
                    .claim("clinic_ids", List.of());
            return;
        }
        DemoPersona persona = PERSONAS.get(name);
        if (persona == null) {
            Account account = accountOf(name)
                    .orElseThrow(() -> new IllegalStateException("No demo persona or account named " + name));
            context.getClaims().subject(account.id()).audience(List.of(AUDIENCE)).claim("role", "PATIENT")
                    .claim("clinic_ids", account.clinicIds()).claim("email", account.username())
                    .claim("email_verified", true);
            if (account.patientId() != null) {
                context.getClaims().claim("patient_id", account.patientId());
            }
            return;
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

    /** The account signed in under this name; personas and clients are never accounts. */
    private Optional<Account> accountOf(String name) {
        return PERSONAS.containsKey(name) || name.equals(DemoClients.WEB_CLIENT) ? Optional.empty()
                : accounts.find(name);
    }
}
