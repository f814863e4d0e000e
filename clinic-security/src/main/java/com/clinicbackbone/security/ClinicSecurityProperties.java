package com.clinicbackbone.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param audience the audience every accepted token must name
 * @param publicPaths path patterns open without a token (e.g. provider callbacks verified by their own signature)
 */
@ConfigurationProperties("clinic.security")
public record ClinicSecurityProperties(@DefaultValue("clinic-backbone") String audience,
                                       @DefaultValue List<String> publicPaths) {
}
