package com.clinicbackbone.auth;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param issuer     the issuer URL put into tokens and the discovery document ({@code auth.issuer})
 * @param demoSecret the client secret (and sign-in password) of every demo persona ({@code auth.demo-secret})
 */
@ConfigurationProperties("auth")
record AuthProperties(String issuer, String demoSecret) {
}
