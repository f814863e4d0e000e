package com.clinicbackbone.web.signup;

import com.clinicbackbone.web.WebProperties;
import java.net.http.HttpClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;

/**
 * Keycloak's Admin REST API as clinic-web's accounts client: a client credentials token from the realm's token
 * endpoint (the {@code visitor} registration's token URI, with the client {@code web.signup.keycloak-admin-client-id}
 * ({@code clinic-web-accounts}) and its secret, whose service account alone holds realm-management's
 * {@code manage-users}: the visitor token clinic-web sends to the services carries no admin role), then {@code GET /admin/realms/{realm}/users/{sub}} and {@code PUT} of the same
 * representation with the attributes {@code patient_id} and {@code clinic_ids} set. The whole representation goes
 * back: with the user profile, an update without an attribute the administrator may edit removes it.
 *
 * <p>The account is named by the token's {@code sub} (Keycloak's user id), never by a name or an email the person
 * typed. {@code role} is not written: a self-registered person gets {@code PATIENT} from the realm's default group
 * {@code /patients} (see docs/compose-sign-in.md).
 */
@Component
@ConditionalOnProperty(name = "web.signup.account-link", havingValue = "keycloak")
class KeycloakAccountLink implements AccountLink {

    static final String PATIENT_ID = "patient_id";
    static final String CLINIC_IDS = "clinic_ids";

    private final RestClient keycloak;
    private final ClientRegistration client;
    private final String adminUri;

    /**
     * @param adminUri the realm's admin API, e.g. {@code http://keycloak:8080/admin/realms/clinic-backbone}
     */
    @Autowired
    KeycloakAccountLink(ClientRegistrationRepository registrations, RestClient.Builder builder,
                        WebProperties properties, @Value("${web.signup.keycloak-admin-uri}") String adminUri,
                        @Value("${web.signup.keycloak-admin-client-id:clinic-web-accounts}") String clientId,
                        @Value("${web.signup.keycloak-admin-client-secret}") String clientSecret) {
        this(ClientRegistration.withClientRegistration(registrations.findByRegistrationId("visitor"))
                .registrationId("accounts").clientId(clientId).clientSecret(clientSecret).build(),
                builder, properties, adminUri);
    }

    KeycloakAccountLink(ClientRegistration client, RestClient.Builder builder, WebProperties properties,
                        String adminUri) {
        this.client = client;
        this.adminUri = adminUri.endsWith("/") ? adminUri.substring(0, adminUri.length() - 1) : adminUri;
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(properties.requestTimeout()).build());
        requests.setReadTimeout(properties.requestTimeout());
        this.keycloak = builder.clone().requestFactory(requests)
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
                    throw AccountLink.refused(response.getStatusCode().value());
                })
                .build();
    }

    @Override
    public void link(OidcUser user, String patientId, List<String> clinicIds) {
        String token = serviceAccountToken();
        String userUri = adminUri + "/users/{id}";
        Map<String, Object> account = keycloak.get().uri(userUri, user.getSubject())
                .headers(headers -> headers.setBearerAuth(token)).retrieve()
                .body(new ParameterizedTypeReference<LinkedHashMap<String, Object>>() { });
        if (account == null) {
            throw AccountLink.refused(502);
        }
        Map<String, Object> attributes = new LinkedHashMap<>();
        if (account.get("attributes") instanceof Map<?, ?> existing) {
            existing.forEach((name, values) -> attributes.put(String.valueOf(name), values));
        }
        attributes.put(PATIENT_ID, List.of(patientId));
        attributes.put(CLINIC_IDS, clinicIds == null ? List.of() : clinicIds.stream().sorted().toList());
        account.put("attributes", attributes);
        keycloak.put().uri(userUri, user.getSubject()).headers(headers -> headers.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).body(account).retrieve().toBodilessEntity();
    }

    private String serviceAccountToken() {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("grant_type", "client_credentials");
        Map<String, Object> answer = keycloak.post().uri(client.getProviderDetails().getTokenUri())
                .headers(headers -> headers.setBasicAuth(client.getClientId(), client.getClientSecret()))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).body(form).retrieve()
                .body(new ParameterizedTypeReference<LinkedHashMap<String, Object>>() { });
        if (answer == null || !(answer.get("access_token") instanceof String token) || token.isBlank()) {
            throw AccountLink.refused(502);
        }
        return token;
    }
}
