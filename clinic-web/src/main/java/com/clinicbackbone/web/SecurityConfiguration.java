package com.clinicbackbone.web;

import com.clinicbackbone.web.signin.Person;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Sign-in at the OpenID Connect issuer as a person: authorization code with PKCE (clinic-web is a confidential client
 * and turns PKCE on explicitly). The access token's claims (role, clinics, patient / practitioner id) are kept on
 * the signed-in user for choosing what to show; the services decide again from the same token on every call.
 * Public pages need no sign-in; the desk is FRONT_DESK's, the practitioner's day PRACTITIONER's, {@code /me} the
 * patient's. Every form is a POST with Spring Security's CSRF token; a form sent after the session expired gets the
 * "session expired" page, not a stack trace. Sign-out ends the issuer's session too (RP-initiated logout).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    static final String REGISTRATION = "backbone";

    @Bean
    SecurityFilterChain pages(HttpSecurity http, ClientRegistrationRepository registrations, WebProperties properties)
            throws Exception {
        DefaultOAuth2AuthorizationRequestResolver pkce = new DefaultOAuth2AuthorizationRequestResolver(registrations,
                "/oauth2/authorization");
        pkce.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        SavedRequestAwareAuthenticationSuccessHandler signedIn = new SavedRequestAwareAuthenticationSuccessHandler();
        signedIn.setDefaultTargetUrl("/signed-in");
        HttpSessionRequestCache requestCache = new HttpSessionRequestCache();
        requestCache.setMatchingRequestParameterName(null); // back on the page asked for, without "?continue"
        http.requestCache(cache -> cache.requestCache(requestCache))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/", "/clinics/**", "/language", "/error", "/session-expired", "/web.css",
                                "/js/**", "/webjars/**", "/favicon.ico", "/actuator/health", "/actuator/health/**",
                                // aggregate numbers only, as the services' (Prometheus scrapes it)
                                "/actuator/prometheus")
                        .permitAll()
                        .requestMatchers("/desk/**").hasRole("FRONT_DESK")
                        .requestMatchers("/practitioner/**").hasRole("PRACTITIONER")
                        .requestMatchers("/me/**").hasRole("PATIENT")
                        .anyRequest().authenticated())
                .oauth2Login(login -> login
                        .loginPage("/oauth2/authorization/" + REGISTRATION)
                        .authorizationEndpoint(endpoint -> endpoint.authorizationRequestResolver(pkce))
                        .successHandler(signedIn))
                .logout(logout -> logout.logoutSuccessHandler((request, response, authentication) ->
                        response.sendRedirect(endSession(properties, request, authentication))))
                .exceptionHandling(exceptions -> exceptions.accessDeniedHandler((request, response, denied) -> {
                    // a form whose CSRF token no longer matches a session: the session expired (or the form is forged)
                    String page = denied instanceof CsrfException ? "/session-expired" : "/error/forbidden";
                    request.getRequestDispatcher(page).forward(request, response);
                }));
        return http.build();
    }

    /**
     * Signing out ends the issuer's session too (RP-initiated logout, so that the next person at a shared desk is
     * asked for their own password), then comes back to the public start page.
     */
    static String endSession(WebProperties properties, HttpServletRequest request, Authentication authentication) {
        String home = ServletUriComponentsBuilder.fromContextPath(request).path("/").build().toUriString();
        if (!(authentication != null && authentication.getPrincipal() instanceof OidcUser user)) {
            return home;
        }
        return UriComponentsBuilder.fromUriString(properties.endSessionUri())
                .queryParam("id_token_hint", user.getIdToken().getTokenValue())
                .queryParam("post_logout_redirect_uri", home)
                .encode().build().toUriString();
    }

    /** The OIDC user with ROLE_&lt;role&gt; and the access token's claims the pages need as attributes. */
    @Bean
    OAuth2UserService<OidcUserRequest, OidcUser> oidcUserService() {
        OidcUserService delegate = new OidcUserService();
        Map<String, JwtDecoder> decoders = new ConcurrentHashMap<>();
        return request -> {
            OidcUser user = delegate.loadUser(request);
            ClientRegistration registration = request.getClientRegistration();
            JwtDecoder decoder = decoders.computeIfAbsent(registration.getRegistrationId(),
                    id -> NimbusJwtDecoder.withJwkSetUri(registration.getProviderDetails().getJwkSetUri()).build());
            Jwt token = decoder.decode(request.getAccessToken().getTokenValue());
            Map<String, Object> claims = new HashMap<>(user.getUserInfo() == null ? Map.of() : user.getUserInfo().getClaims());
            claims.put("sub", user.getSubject());
            for (String claim : List.of(Person.ROLE, Person.CLINIC_IDS, Person.PATIENT_ID, Person.PRACTITIONER_ID)) {
                if (token.hasClaim(claim)) {
                    claims.put(claim, token.getClaims().get(claim));
                }
            }
            Set<GrantedAuthority> authorities = new HashSet<>(user.getAuthorities());
            String role = token.getClaimAsString(Person.ROLE);
            if (role != null && !role.isBlank()) {
                authorities.add(new SimpleGrantedAuthority("ROLE_" + role));
            }
            return new DefaultOidcUser(authorities, user.getIdToken(), new OidcUserInfo(claims), "sub");
        };
    }
}
