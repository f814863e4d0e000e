package com.clinicbackbone.security.apidocs;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the OpenAPI document says about the service and its sign-in. The sign-in URLs are documentation, not the
 * issuer the service checks tokens against ({@code spring.security.oauth2.resourceserver.jwt.issuer-uri}), so the
 * document stays the same whichever issuer a test or a deployment uses.
 *
 * @param description what the service is, in a sentence or two (Markdown)
 * @param version the API's version
 * @param issuerUri the OpenID Connect issuer that signs the tokens (the local stack's by default)
 * @param tokenPath the issuer's token endpoint, relative to {@code issuerUri}
 * @param authorizationPath the issuer's authorization endpoint, relative to {@code issuerUri}
 */
@ConfigurationProperties("clinic.api-docs")
record ApiDocsProperties(@DefaultValue("") String description,
                         @DefaultValue("1") String version,
                         @DefaultValue("http://127.0.0.1:9000") String issuerUri,
                         @DefaultValue("/oauth2/token") String tokenPath,
                         @DefaultValue("/oauth2/authorize") String authorizationPath) {
}
