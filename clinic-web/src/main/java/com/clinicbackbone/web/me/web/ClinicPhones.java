package com.clinicbackbone.web.me.web;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The clinics' phone numbers for "call the clinic" ({@code web.clinic-phones.<clinicId>}): booking-service's clinics
 * have no phone field yet, so clinic-web's configuration holds them (demo values in application.yml).
 */
@ConfigurationProperties("web")
record ClinicPhones(Map<String, String> clinicPhones) {

    ClinicPhones {
        clinicPhones = clinicPhones == null ? Map.of() : Map.copyOf(clinicPhones);
    }

    /** The number as people read it, or null when none is configured. */
    String of(String clinicId) {
        return clinicPhones.get(clinicId);
    }

    /** The {@code tel:} link of the number, or null. */
    String tel(String clinicId) {
        String phone = of(clinicId);
        return phone == null ? null : "tel:" + phone.replaceAll("[^+0-9]", "");
    }
}
