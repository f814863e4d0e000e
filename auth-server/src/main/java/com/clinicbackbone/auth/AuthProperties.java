package com.clinicbackbone.auth;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param issuer     the issuer URL put into tokens and the discovery document ({@code auth.issuer})
 * @param demoSecret the client secret (and sign-in password) of every demo persona ({@code auth.demo-secret})
 * @param consoleRedirectUri where the operator console receives its authorization code
 *                           ({@code auth.console-redirect-uri}; tests run the console on a random port)
 * @param webRedirectUri where clinic-web receives its authorization code ({@code auth.web-redirect-uri})
 */
@ConfigurationProperties("auth")
record AuthProperties(String issuer, String demoSecret, String consoleRedirectUri, String webRedirectUri) {

    AuthProperties {
        if (consoleRedirectUri == null || consoleRedirectUri.isBlank()) {
            consoleRedirectUri = DemoClients.CONSOLE_REDIRECT_URI;
        }
        if (webRedirectUri == null || webRedirectUri.isBlank()) {
            webRedirectUri = DemoClients.WEB_REDIRECT_URI;
        }
    }
}
