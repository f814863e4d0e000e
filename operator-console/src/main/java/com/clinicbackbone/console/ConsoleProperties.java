package com.clinicbackbone.console;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The console's settings ({@code console.*}).
 *
 * @param issuer                  the OpenID Connect issuer the operator signs in with ({@code console.issuer})
 * @param instances               every service instance the page shows: name and base URL
 * @param clinics                 the clinics whose bookings of today are counted
 * @param zone                    the clinics' zone: what "today" means
 * @param appointmentsTopic       where booking-service publishes appointment events
 * @param deadLetterTopicPattern  a regular expression matching every dead-letter topic
 * @param requestTimeout          how long one health or metrics request may take
 */
@ConfigurationProperties("console")
public record ConsoleProperties(String issuer, List<Instance> instances, List<String> clinics, ZoneId zone,
                                String appointmentsTopic, String deadLetterTopicPattern, Duration requestTimeout) {

    public ConsoleProperties {
        instances = instances == null ? List.of() : List.copyOf(instances);
        clinics = clinics == null ? List.of() : List.copyOf(clinics);
        zone = zone == null ? ZoneId.of("America/Edmonton") : zone;
        requestTimeout = requestTimeout == null ? Duration.ofSeconds(2) : requestTimeout;
    }

    /** One service instance: a display name and its base URL (actuator below it). */
    public record Instance(String name, URI url) {
    }
}
