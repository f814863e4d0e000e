package com.clinicbackbone.web.signup;

import com.clinicbackbone.web.backbone.BackboneProblem;
import java.util.List;
import java.util.Map;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * Records at the issuer which patient record a self-registered account holds, so that the account's next token
 * carries {@code patient_id} and {@code clinic_ids}. One implementation per issuer, chosen by
 * {@code web.signup.account-link}: {@code local} (default, the local issuer's {@code POST /accounts/link}) or
 * {@code keycloak} (Keycloak's Admin REST API).
 */
interface AccountLink {

    /**
     * Links the signed-in person's account to their record; safe to repeat.
     *
     * @throws BackboneProblem when the issuer refuses or cannot be reached
     */
    void link(OidcUser user, String patientId, List<String> clinicIds);

    static BackboneProblem refused(int status) {
        return new BackboneProblem(status, "The sign-in did not take the link", null, null, Map.of());
    }
}
