package com.clinicbackbone.console;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Sign-in through the OpenID Connect issuer: authorization code with PKCE (turned on explicitly, the console is a
 * confidential client). The role comes from the {@code role} claim of the access token the issuer granted (the
 * services read the same claim); only OPERATOR may see anything, anybody else gets 403. Actions are POSTs with
 * Spring Security's CSRF token.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    static final String ROLE_CLAIM = "role";

    @Bean
    SecurityFilterChain console(HttpSecurity http, ClientRegistrationRepository registrations) throws Exception {
        DefaultOAuth2AuthorizationRequestResolver pkce = new DefaultOAuth2AuthorizationRequestResolver(registrations,
                "/oauth2/authorization");
        pkce.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/error", "/console.css").permitAll()
                        .anyRequest().hasRole("OPERATOR"))
                .oauth2Login(login -> login.authorizationEndpoint(endpoint -> endpoint.authorizationRequestResolver(pkce)))
                .logout(logout -> logout.logoutSuccessUrl("/"));
        return http.build();
    }

    /** The OIDC user with the authority ROLE_&lt;role&gt; from the access token's role claim. */
    @Bean
    OAuth2UserService<OidcUserRequest, OidcUser> oidcUserService() {
        OidcUserService delegate = new OidcUserService();
        Map<String, JwtDecoder> decoders = new ConcurrentHashMap<>();
        return request -> {
            OidcUser user = delegate.loadUser(request);
            ClientRegistration registration = request.getClientRegistration();
            JwtDecoder decoder = decoders.computeIfAbsent(registration.getRegistrationId(),
                    id -> NimbusJwtDecoder.withJwkSetUri(registration.getProviderDetails().getJwkSetUri()).build());
            String role = decoder.decode(request.getAccessToken().getTokenValue()).getClaimAsString(ROLE_CLAIM);
            Set<GrantedAuthority> authorities = new HashSet<>(user.getAuthorities());
            if (role != null && !role.isBlank()) {
                authorities.add(new SimpleGrantedAuthority("ROLE_" + role));
            }
            String nameAttribute = registration.getProviderDetails().getUserInfoEndpoint().getUserNameAttributeName();
            return new DefaultOidcUser(authorities, user.getIdToken(), user.getUserInfo(),
                    nameAttribute == null || nameAttribute.isBlank() ? IdTokenClaimNames.SUB : nameAttribute);
        };
    }
}
