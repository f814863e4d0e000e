package com.clinicbackbone.web.signup.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.clinicbackbone.web.backbone.BackboneProblem;
import com.clinicbackbone.web.backbone.Catalog;
import com.clinicbackbone.web.backbone.Clinic;
import com.clinicbackbone.web.signup.NewPatients;
import com.clinicbackbone.web.signup.NewPatients.RecordDetails;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.ui.ExtendedModelMap;

/** Who is sent to the record form, and what the form does with the services' answers. */
class SignupPagesTest {

    final NewPatients newPatients = mock(NewPatients.class);
    final Catalog catalog = mock(Catalog.class);
    final SignupController controller = new SignupController(newPatients, catalog);
    final RecordDetails details = new RecordDetails("running-shoe", "Zoé", "Martin", "1991-02-03", "", "fr");

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    /** A signed-in person as clinic-web keeps them: the OIDC user with the access token's claims. */
    static Authentication signedIn(String role, String patientId) {
        Map<String, Object> claims = new HashMap<>(Map.of("sub", "account-1", "role", role, "clinic_ids", List.of(),
                "email", "zoe@example.org", "preferred_username", "zoe@example.org"));
        if (patientId != null) {
            claims.put("patient_id", patientId);
        }
        OidcIdToken idToken = new OidcIdToken("id-token", Instant.now(), Instant.now().plusSeconds(60),
                Map.of("sub", "account-1", "email", "zoe@example.org"));
        OidcUser user = new DefaultOidcUser(List.of(new SimpleGrantedAuthority("ROLE_" + role)), idToken,
                new OidcUserInfo(claims), "sub");
        return new OAuth2AuthenticationToken(user, user.getAuthorities(), "backbone");
    }

    @Test
    void sendsAPatientWithoutARecordFromTheirPagesToTheForm() throws Exception {
        SecurityContextHolder.getContext().setAuthentication(signedIn("PATIENT", null));

        for (String path : List.of("/me", "/me/settings", "/me/appointments/a-1")) {
            MockHttpServletResponse response = filter(path);
            assertThat(response.getRedirectedUrl()).as(path).isEqualTo("/signup/record");
        }
        assertThat(filter("/clinics/running-shoe").getRedirectedUrl()).isNull();
        assertThat(filter("/meadow").getRedirectedUrl()).isNull();
    }

    @Test
    void letsPatientsWithARecordAndEveryoneElseThrough() throws Exception {
        SecurityContextHolder.getContext().setAuthentication(signedIn("PATIENT", "p-1"));
        assertThat(filter("/me").getRedirectedUrl()).isNull();
        SecurityContextHolder.getContext().setAuthentication(signedIn("FRONT_DESK", null));
        assertThat(filter("/me").getRedirectedUrl()).isNull();
        SecurityContextHolder.clearContext();
        assertThat(filter("/me").getRedirectedUrl()).isNull();
    }

    @Test
    void showsTheFormInThePersonsLanguageWithTheClinics() {
        when(catalog.clinics()).thenReturn(List.of(new Clinic("running-shoe", "Running Shoe", "America/Edmonton")));
        ExtendedModelMap model = new ExtendedModelMap();

        String view = controller.form(signedIn("PATIENT", null), Locale.FRENCH, model);

        assertThat(view).isEqualTo("signup/record");
        assertThat(((RecordDetails) model.get("details")).language()).isEqualTo("fr");
        assertThat((List<?>) model.get("clinics")).hasSize(1);
    }

    @Test
    void sendsAnyoneWhoNeedsNoRecordToTheirOwnStartPage() {
        ExtendedModelMap model = new ExtendedModelMap();
        MockHttpServletResponse response = new MockHttpServletResponse();

        assertThat(controller.form(signedIn("PATIENT", "p-1"), Locale.ENGLISH, model)).isEqualTo("redirect:/me");
        assertThat(controller.form(signedIn("FRONT_DESK", null), Locale.ENGLISH, model)).isEqualTo("redirect:/desk");
        assertThat(controller.submit(signedIn("PATIENT", "p-1"), details, model, response)).isEqualTo("redirect:/me");
        verify(newPatients, never()).signUp(any(), any());
    }

    @Test
    void signsThePersonInAgainOnceTheirRecordIsLinked() {
        Authentication person = signedIn("PATIENT", null);

        String view = controller.submit(person, details, new ExtendedModelMap(), new MockHttpServletResponse());

        assertThat(view).isEqualTo("redirect:/oauth2/authorization/backbone");
        verify(newPatients).signUp((OidcUser) person.getPrincipal(), details);
    }

    @Test
    void showsTheWrongFieldsInPlaceKeepingWhatWasTyped() {
        when(newPatients.signUp(any(), any())).thenThrow(new BackboneProblem(400, "Invalid request", "Invalid.",
                null, Map.of("phone", "must be a mobile number", "givenName", "must not be blank", "x-y", "?")));
        ExtendedModelMap model = new ExtendedModelMap();
        MockHttpServletResponse response = new MockHttpServletResponse();

        String view = controller.submit(signedIn("PATIENT", null), details, model, response);

        assertThat(view).isEqualTo("signup/record");
        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(model.get("errors")).as("in the order of the form").isEqualTo(List.of("givenName", "phone", "other"));
        assertThat(model.get("details")).isEqualTo(details);
    }

    @Test
    void saysSoInPlaceWhenTheSignInMayNotHaveARecord() {
        when(newPatients.signUp(any(), any())).thenThrow(new BackboneProblem(403, "Forbidden", "no verified email",
                null, Map.of()));
        ExtendedModelMap model = new ExtendedModelMap();
        MockHttpServletResponse response = new MockHttpServletResponse();

        assertThat(controller.submit(signedIn("PATIENT", null), details, model, response)).isEqualTo("signup/record");
        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(model.get("refusal")).isEqualTo("signup.refused");
    }

    @Test
    void leavesOtherRefusalsToTheProblemPage() {
        when(newPatients.signUp(any(), any())).thenThrow(new BackboneProblem(503, "Unavailable", null, null,
                Map.of()));

        assertThatThrownBy(() -> controller.submit(signedIn("PATIENT", null), details, new ExtendedModelMap(),
                new MockHttpServletResponse())).isInstanceOf(BackboneProblem.class);
    }

    private static MockHttpServletResponse filter(String path) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
        MockHttpServletResponse response = new MockHttpServletResponse();
        new SignupRedirect().doFilter(request, response, new MockFilterChain());
        return response;
    }
}
