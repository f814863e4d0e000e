package com.clinicbackbone.auth;

import com.clinicbackbone.auth.account.Accounts;
import com.clinicbackbone.auth.account.OneTimeCodes;
import com.clinicbackbone.auth.account.RegistrationMail;
import com.clinicbackbone.auth.account.RegistrationSettings;
import com.clinicbackbone.security.DemoPersona;
import java.time.Clock;
import java.util.Arrays;
import org.springframework.context.annotation.Bean;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.mail.MailSender;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
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
 * Protocol endpoints (token, JWKS, discovery, authorize, ...) in one filter chain; the issuer's own API for clinic-web
 * ({@code /accounts/**}, HTTP Basic with a client's id and secret, clinic-web only) in the second; health open, the
 * registration pages open and a sign-in form (users = the demo personas and the self-registered accounts) for the
 * authorization code grant in the last. The signing key is Spring Boot's default: an RSA key generated at each start
 * (tokens do not survive a restart of the issuer).
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

    /** clinic-web links a self-registered account to its patient record; no session, no CSRF (no browser). */
    @Bean
    @Order(2)
    SecurityFilterChain issuerApi(HttpSecurity http, RegisteredClientRepository clients, PasswordEncoder secrets)
            throws Exception {
        http.securityMatcher("/accounts/**")
                .authenticationManager(new ProviderManager(new ClientBasicAuthentication(clients, secrets)))
                .authorizeHttpRequests(requests -> requests.anyRequest()
                        .hasAuthority(ClientBasicAuthentication.AUTHORITY_PREFIX + DemoClients.WEB_CLIENT))
                .httpBasic(Customizer.withDefaults())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        return http.build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain signIn(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health/**", "/actuator/info", "/actuator/prometheus", "/error").permitAll()
                        .requestMatchers("/register", "/register/**").permitAll()
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

    /**
     * The users of the sign-in form: the personas (for the consoles and clinic-web) and the self-registered accounts
     * (patients, by their email).
     */
    @Bean
    UserDetailsService users(AuthProperties properties, Accounts accounts) {
        InMemoryUserDetailsManager personas = new InMemoryUserDetailsManager(Arrays.stream(DemoPersona.values())
                .map(persona -> User.withUsername(persona.clientId())
                        .password(DemoClients.PASSWORD_ENCODER.encode(properties.demoSecret()))
                        .roles(persona.role().name())
                        .build())
                .toList());
        return username -> {
            if (personas.userExists(username)) {
                return personas.loadUserByUsername(username);
            }
            return accounts.find(username)
                    .map(account -> User.withUsername(account.username()).password(account.passwordHash())
                            .roles("PATIENT").build())
                    .orElseThrow(() -> new UsernameNotFoundException("No such user"));
        };
    }

    @Bean
    Accounts accounts(AuthProperties properties) {
        return new Accounts(properties.accountsFile(), Clock.systemUTC());
    }

    @Bean
    OneTimeCodes oneTimeCodes() {
        return new OneTimeCodes(Clock.systemUTC());
    }

    @Bean
    RegistrationMail registrationMail(MailSender sender, MessageSource messages, AuthProperties properties) {
        return new RegistrationMail(sender, messages, properties.mailFrom());
    }

    /** After registering, a person signs in through clinic-web's page of their own (then their record's form). */
    @Bean
    RegistrationSettings registrationSettings(AuthProperties properties) {
        return new RegistrationSettings(properties.webBaseUrl() + "me");
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return DemoClients.PASSWORD_ENCODER;
    }

    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> personaClaims(Accounts accounts) {
        return new PersonaClaims(accounts);
    }
}
