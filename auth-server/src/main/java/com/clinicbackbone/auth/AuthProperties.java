package com.clinicbackbone.auth;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param issuer     the issuer URL put into tokens and the discovery document ({@code auth.issuer})
 * @param demoSecret the client secret (and sign-in password) of every demo persona ({@code auth.demo-secret})
 * @param consoleRedirectUri where the operator console receives its authorization code
 *                           ({@code auth.console-redirect-uri}; tests run the console on a random port)
 * @param webRedirectUri where clinic-web receives its authorization code ({@code auth.web-redirect-uri})
 * @param accountsFile where the self-registered accounts are kept ({@code auth.accounts-file}); unset: in memory
 *                     only, gone when the issuer stops
 * @param mailFrom the sender of the registration emails ({@code auth.mail-from})
 */
@ConfigurationProperties("auth")
record AuthProperties(String issuer, String demoSecret, String consoleRedirectUri, String webRedirectUri,
                      Path accountsFile, String mailFrom) {

    AuthProperties {
        if (consoleRedirectUri == null || consoleRedirectUri.isBlank()) {
            consoleRedirectUri = DemoClients.CONSOLE_REDIRECT_URI;
        }
        if (webRedirectUri == null || webRedirectUri.isBlank()) {
            webRedirectUri = DemoClients.WEB_REDIRECT_URI;
        }
        if (mailFrom == null || mailFrom.isBlank()) {
            mailFrom = "Clinic Backbone <no-reply@clinic-backbone.local>";
        }
    }

    /** clinic-web's base URL (its redirect URI without the callback path), ending with {@code /}. */
    String webBaseUrl() {
        return webRedirectUri.substring(0, webRedirectUri.indexOf("/login/oauth2/code/")) + "/";
    }
}
