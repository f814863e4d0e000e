package com.clinicbackbone.web.signup;

import com.clinicbackbone.web.WebProperties;
import java.net.http.HttpClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * The local issuer's {@code POST /accounts/link} ({@code username}, {@code patientId}, {@code clinicIds}) as
 * clinic-web's client (HTTP Basic with the secret of the {@code visitor} registration). The account is named by its
 * username, which on the local issuer is the verified email.
 */
@Component
@ConditionalOnProperty(name = "web.signup.account-link", havingValue = "local", matchIfMissing = true)
class LocalIssuerAccountLink implements AccountLink {

    private final RestClient issuer;
    private final String linkUri;

    LocalIssuerAccountLink(ClientRegistrationRepository registrations, RestClient.Builder builder,
                           WebProperties properties,
                           @Value("${web.signup.account-link-uri:${web.issuer}/accounts/link}") String linkUri) {
        this.linkUri = linkUri;
        ClientRegistration web = registrations.findByRegistrationId("visitor");
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(properties.requestTimeout()).build());
        requests.setReadTimeout(properties.requestTimeout());
        this.issuer = builder.clone().requestFactory(requests)
                .defaultHeaders(headers -> headers.setBasicAuth(web.getClientId(), web.getClientSecret()))
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
                    throw AccountLink.refused(response.getStatusCode().value());
                })
                .build();
    }

    @Override
    public void link(OidcUser user, String patientId, List<String> clinicIds) {
        Map<String, Object> link = new LinkedHashMap<>();
        link.put("username", NewPatients.username(user));
        link.put("patientId", patientId);
        link.put("clinicIds", clinicIds);
        issuer.post().uri(linkUri).contentType(MediaType.APPLICATION_JSON).body(link).retrieve().toBodilessEntity();
    }
}
