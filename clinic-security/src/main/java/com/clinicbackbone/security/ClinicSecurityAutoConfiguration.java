package com.clinicbackbone.security;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Every API needs a bearer JWT from the configured OpenID Connect issuer
 * ({@code spring.security.oauth2.resourceserver.jwt.issuer-uri}) naming the backbone's audience and a known role;
 * actuator health, the Prometheus scrape ({@code /actuator/prometheus}: aggregate counters only, no personal data)
 * and the configured public paths stay open. Controllers receive the {@link Caller};
 * {@code @PreAuthorize("hasRole('AUDITOR')")} works on any bean (authorities are {@code ROLE_<role>}).
 */
@AutoConfiguration(beforeName = {
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration"})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableWebSecurity
@EnableMethodSecurity
@EnableConfigurationProperties(ClinicSecurityProperties.class)
public class ClinicSecurityAutoConfiguration {

    static final String ISSUER_PROPERTY = "spring.security.oauth2.resourceserver.jwt.issuer-uri";
    static final String JWK_SET_URI_PROPERTY = "spring.security.oauth2.resourceserver.jwt.jwk-set-uri";

    /**
     * Resolved lazily: a service starts even while the issuer is still starting or briefly down. The signing keys
     * come from {@code jwk-set-uri} when it is set (as in Spring Boot's own resource server), else from the issuer's
     * discovery document; either way {@code iss} must be {@code issuer-uri}. docker-compose needs the first: tokens
     * name Keycloak's browser-facing URL as issuer, which a container cannot reach.
     */
    @Bean
    @ConditionalOnMissingBean
    JwtDecoder jwtDecoder(Environment environment, ClinicSecurityProperties properties) {
        return new SupplierJwtDecoder(() -> {
            String issuer = environment.getRequiredProperty(ISSUER_PROPERTY);
            String jwkSetUri = environment.getProperty(JWK_SET_URI_PROPERTY, "");
            NimbusJwtDecoder decoder = jwkSetUri.isBlank() ? NimbusJwtDecoder.withIssuerLocation(issuer).build()
                    : NimbusJwtDecoder.withJwkSetUri(jwkSetUri).build();
            decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                    JwtValidators.createDefaultWithIssuer(issuer),
                    new JwtClaimValidator<Collection<String>>(JwtClaimNames.AUD,
                            audience -> audience != null && audience.contains(properties.audience())),
                    new JwtClaimValidator<String>(Caller.ROLE, ClinicSecurityAutoConfiguration::isKnownRole)));
            return decoder;
        });
    }

    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    SecurityFilterChain clinicSecurityFilterChain(HttpSecurity http, ClinicSecurityProperties properties)
            throws Exception {
        var converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(
                jwt -> List.of(new SimpleGrantedAuthority("ROLE_" + jwt.getClaimAsString(Caller.ROLE))));
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> {
                    requests.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info",
                                    "/actuator/prometheus", "/error")
                            .permitAll();
                    properties.publicPaths().forEach(path -> requests.requestMatchers(path).permitAll());
                    requests.anyRequest().authenticated();
                })
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(converter))
                        .authenticationEntryPoint(Problems.unauthorized())
                        .accessDeniedHandler(Problems.forbidden()))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(Problems.unauthorized())
                        .accessDeniedHandler(Problems.forbidden()));
        return http.build();
    }

    @Bean
    WebMvcConfigurer callerArgumentResolver() {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(
                    List<org.springframework.web.method.support.HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new CallerArgumentResolver());
            }
        };
    }

    private static boolean isKnownRole(String role) {
        return role != null && Arrays.stream(Role.values()).anyMatch(known -> known.name().equals(role));
    }
}
