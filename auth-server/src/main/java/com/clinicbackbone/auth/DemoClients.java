package com.clinicbackbone.auth;

import com.clinicbackbone.security.DemoPersona;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/** One confidential client per demo persona: client id = persona name, the demo secret, client credentials. */
final class DemoClients {

    static final Duration ACCESS_TOKEN_LIFETIME = Duration.ofHours(1);
    /** The operator client also signs a person in (authorization code + PKCE) for the operations console. */
    static final String CONSOLE_CLIENT = "operator";
    /** The local stack's console; {@code auth.console-redirect-uri} changes it. */
    static final String CONSOLE_REDIRECT_URI = "http://127.0.0.1:8080/login/oauth2/code/backbone";
    /**
     * clinic-web (the desk and patients' pages): signs people in (authorization code + PKCE) and, for the public
     * pages, gets a visitor's token for itself (client credentials; see {@link PersonaClaims}).
     */
    static final String WEB_CLIENT = "clinic-web";
    /** The local stack's clinic-web; {@code auth.web-redirect-uri} changes it. */
    static final String WEB_REDIRECT_URI = "http://127.0.0.1:8090/login/oauth2/code/backbone";

    /**
     * Client secrets and sign-in passwords are stored as salted BCrypt hashes (the client repository refuses two
     * clients with the same stored secret). Cost 4: it is the published demo secret, and every token request checks
     * it; the same encoder is the application's, so the server does not re-hash it at a higher cost on each use.
     */
    static final PasswordEncoder PASSWORD_ENCODER = new BCryptPasswordEncoder(4);

    private DemoClients() {
    }

    /**
     * @param consoleRedirectUri the operator console's redirect URI (the local stack's by default)
     * @param webRedirectUri clinic-web's redirect URI (the local stack's by default)
     */
    static List<RegisteredClient> of(String secret, String consoleRedirectUri, String webRedirectUri) {
        List<RegisteredClient> clients = new java.util.ArrayList<>(Arrays.stream(DemoPersona.values())
                .map(persona -> clientOf(persona, secret, consoleRedirectUri)).toList());
        clients.add(webClient(secret, webRedirectUri));
        return List.copyOf(clients);
    }

    private static RegisteredClient webClient(String secret, String redirectUri) {
        return RegisteredClient.withId(WEB_CLIENT)
                .clientId(WEB_CLIENT)
                .clientSecret(PASSWORD_ENCODER.encode(secret))
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .redirectUri(redirectUri)
                .postLogoutRedirectUri(redirectUri.substring(0, redirectUri.indexOf("/login/oauth2/code/")) + "/")
                .scope(OidcScopes.OPENID)
                .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
                .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(ACCESS_TOKEN_LIFETIME).build())
                .build();
    }

    private static RegisteredClient clientOf(DemoPersona persona, String secret, String consoleRedirectUri) {
        RegisteredClient.Builder client = RegisteredClient.withId(persona.clientId())
                .clientId(persona.clientId())
                .clientSecret(PASSWORD_ENCODER.encode(secret))
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(ACCESS_TOKEN_LIFETIME).build());
        if (persona.clientId().equals(CONSOLE_CLIENT)) {
            client.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                    .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                    .redirectUri(consoleRedirectUri)
                    .scope(OidcScopes.OPENID)
                    .clientSettings(ClientSettings.builder().requireProofKey(true)
                            .requireAuthorizationConsent(false).build());
        }
        return client.build();
    }
}
