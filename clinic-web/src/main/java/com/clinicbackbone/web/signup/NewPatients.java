package com.clinicbackbone.web.signup;

import com.clinicbackbone.web.backbone.Backbone;
import com.clinicbackbone.web.backbone.BackboneProblem;
import com.clinicbackbone.web.signin.Person;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Component;

/**
 * A person who made their own account at the issuer gets their patient record: patient-service's
 * {@code POST /api/patients/self} with the person's own token (it picks the record of their verified email, or makes
 * one), then the issuer records the link ({@link AccountLink}: the local issuer's {@code POST /accounts/link}, or
 * Keycloak's Admin REST API in compose), so that their next sign-in carries the record. Both calls are safe to
 * repeat: a second sign-up finds the record the first one made by its email.
 */
@Component
public class NewPatients {

    private final Backbone backbone;
    private final AccountLink accountLink;

    NewPatients(Backbone backbone, AccountLink accountLink) {
        this.backbone = backbone;
        this.accountLink = accountLink;
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
        if (username(user) == null) {
            throw new BackboneProblem(403, "Forbidden", "The sign-in has no email address.", null, Map.of());
        }
        SignedUp record = backbone.patients().post().uri("/api/patients/self").contentType(MediaType.APPLICATION_JSON)
                .body(details.body()).retrieve().body(SignedUp.class);
        accountLink.link(user, record.id(), record.clinicIds());
        return record;
    }

    /** The account's name at the issuer: its verified email (the local issuer's username), else its username. */
    static String username(OidcUser user) {
        return user.getEmail() != null ? user.getEmail() : user.getPreferredUsername();
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
