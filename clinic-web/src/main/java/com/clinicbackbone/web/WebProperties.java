package com.clinicbackbone.web;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param issuer          the OpenID Connect issuer people sign in at ({@code web.issuer})
 * @param bookingUrl      booking-service's base URL
 * @param patientUrl      patient-service's base URL
 * @param notificationUrl notification-service's base URL
 * @param endSessionUri   the issuer's end-session endpoint (sign-out ends the issuer's session too)
 * @param requestTimeout  how long a page waits for a service before it says the service is not answering
 */
@ConfigurationProperties("web")
public record WebProperties(String issuer, String bookingUrl, String patientUrl, String notificationUrl,
                            String endSessionUri, @DefaultValue("5s") Duration requestTimeout) {
}
