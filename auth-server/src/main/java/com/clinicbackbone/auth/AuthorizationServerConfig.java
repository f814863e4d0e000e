package com.clinicbackbone.auth;

import com.clinicbackbone.security.DemoPersona;
import java.util.Arrays;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/**
 * Protocol endpoints (token, JWKS, discovery, authorize, ...) in one filter chain; health open and a sign-in
 * form (users = the demo personas) for the authorization code grant in the other. The signing key is Spring
 * Boot's default: an RSA key generated at each start (tokens do not survive a restart of the issuer).
 */
@Configuration(proxyBeanMethods = false)
class AuthorizationServerConfig {

    @Bean
    @Order(1)
    SecurityFilterChain authorizationServerEndpoints(HttpSecurity http) throws Exception {
        http.oauth2AuthorizationServer(server -> {
                    http.securityMatcher(server.getEndpointsMatcher());
                    server.oidc(Customizer.withDefaults());
                })
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(
                        new LoginUrlAuthenticationEntryPoint("/login"), new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain signIn(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health/**", "/actuator/info", "/actuator/prometheus", "/error").permitAll()
                        .anyRequest().authenticated())
                .formLogin(Customizer.withDefaults());
        return http.build();
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings(AuthProperties properties) {
        return AuthorizationServerSettings.builder().issuer(properties.issuer()).build();
    }

    @Bean
    RegisteredClientRepository registeredClientRepository(AuthProperties properties) {
        return new InMemoryRegisteredClientRepository(
                DemoClients.of(properties.demoSecret(), properties.consoleRedirectUri(),
                        properties.webRedirectUri()));
    }

    /** The personas as users, for the operator console's authorization code sign-in. */
    @Bean
    UserDetailsService personaUsers(AuthProperties properties) {
        return new InMemoryUserDetailsManager(Arrays.stream(DemoPersona.values())
                .map(persona -> User.withUsername(persona.clientId())
                        .password(DemoClients.PASSWORD_ENCODER.encode(properties.demoSecret()))
                        .roles(persona.role().name())
                        .build())
                .toList());
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return DemoClients.PASSWORD_ENCODER;
    }

    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> personaClaims() {
        return new PersonaClaims();
    }
}
