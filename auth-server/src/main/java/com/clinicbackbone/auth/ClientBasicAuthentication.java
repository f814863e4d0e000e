package com.clinicbackbone.auth;

import java.util.List;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * HTTP Basic for the issuer's own API: the user name and password are a registered client's id and secret (never a
 * person's), and the client gets the authority {@code CLIENT_<client id>}.
 */
final class ClientBasicAuthentication implements AuthenticationProvider {

    static final String AUTHORITY_PREFIX = "CLIENT_";

    private final RegisteredClientRepository clients;
    private final PasswordEncoder secrets;

    ClientBasicAuthentication(RegisteredClientRepository clients, PasswordEncoder secrets) {
        this.clients = clients;
        this.secrets = secrets;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String clientId = authentication.getName();
        RegisteredClient client = clients.findByClientId(clientId);
        Object secret = authentication.getCredentials();
        if (client == null || client.getClientSecret() == null || !(secret instanceof String given)
                || !client.getClientAuthenticationMethods().contains(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                || !secrets.matches(given, client.getClientSecret())) {
            throw new BadCredentialsException("Unknown client or wrong secret");
        }
        return UsernamePasswordAuthenticationToken.authenticated(clientId, null,
                List.of(new SimpleGrantedAuthority(AUTHORITY_PREFIX + clientId)));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
