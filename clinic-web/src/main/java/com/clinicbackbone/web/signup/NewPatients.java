package com.clinicbackbone.web.signup;

import com.clinicbackbone.web.WebProperties;
import com.clinicbackbone.web.backbone.Backbone;
import com.clinicbackbone.web.backbone.BackboneProblem;
import com.clinicbackbone.web.signin.Person;
import java.net.http.HttpClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * A person who made their own account at the issuer gets their patient record: patient-service's
 * {@code POST /api/patients/self} with the person's own token (it picks the record of their verified email, or makes
 * one), then the issuer's {@code POST /accounts/link} as clinic-web's client (HTTP Basic with the secret of the
 * {@code visitor} registration), so that their next sign-in carries the record. Both calls are safe to repeat: a
 * second sign-up finds the record the first one made by its email.
 */
@Component
public class NewPatients {

    private final Backbone backbone;
    private final RestClient issuer;
    private final String linkUri;

    NewPatients(Backbone backbone, ClientRegistrationRepository registrations, RestClient.Builder builder,
                WebProperties properties,
                @Value("${web.signup.account-link-uri:${web.issuer}/accounts/link}") String linkUri) {
        this.backbone = backbone;
        this.linkUri = linkUri;
        ClientRegistration web = registrations.findByRegistrationId("visitor");
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(properties.requestTimeout()).build());
        requests.setReadTimeout(properties.requestTimeout());
        this.issuer = builder.clone().requestFactory(requests)
                .defaultHeaders(headers -> headers.setBasicAuth(web.getClientId(), web.getClientSecret()))
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
                    throw new BackboneProblem(response.getStatusCode().value(), "The sign-in did not take the link",
                            null, null, Map.of());
                })
                .build();
    }

    /** A signed-in patient without a record: the person this sign-up is for. */
    public static boolean needsRecord(Person person) {
        return person != null && person.isPatient() && (person.patientId() == null || person.patientId().isBlank());
    }

    /**
     * Gets the signed-in person their record and links their account to it.
     *
     * @throws BackboneProblem 400 naming the wrong fields (nothing stored), 403 when the sign-in has no verified
     *                         email, or another refusal
     */
    public SignedUp signUp(OidcUser user, RecordDetails details) {
        String username = user.getEmail() != null ? user.getEmail() : user.getPreferredUsername();
        if (username == null) {
            throw new BackboneProblem(403, "Forbidden", "The sign-in has no email address.", null, Map.of());
        }
        SignedUp record = backbone.patients().post().uri("/api/patients/self").contentType(MediaType.APPLICATION_JSON)
                .body(details.body()).retrieve().body(SignedUp.class);
        Map<String, Object> link = new LinkedHashMap<>();
        link.put("username", username);
        link.put("patientId", record.id());
        link.put("clinicIds", record.clinicIds());
        issuer.post().uri(linkUri).contentType(MediaType.APPLICATION_JSON).body(link).retrieve().toBodilessEntity();
        return record;
    }

    /**
     * What the person tells about themself; the email is never among it (it is the verified one of their sign-in).
     *
     * @param birthDate as the date field sends it (yyyy-MM-dd); patient-service checks every value
     */
    public record RecordDetails(String clinicId, String givenName, String familyName, String birthDate, String phone,
                                String language) {

        Map<String, Object> body() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("clinicId", blankToNull(clinicId));
            body.put("givenName", givenName);
            body.put("familyName", familyName);
            body.put("birthDate", blankToNull(birthDate));
            body.put("phone", blankToNull(phone));
            body.put("language", language);
            return body;
        }

        private static String blankToNull(String value) {
            return value == null || value.isBlank() ? null : value.strip();
        }
    }

    /**
     * The record the person holds now.
     *
     * @param linkedExisting true when it is a record the clinics had already (its email is the person's)
     */
    public record SignedUp(String id, List<String> clinicIds, Boolean linkedExisting) {
    }
}
