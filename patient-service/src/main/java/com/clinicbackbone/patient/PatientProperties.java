package com.clinicbackbone.patient;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings under {@code patients}.
 *
 * @param clinicIds the clinics a patient can be registered at
 */
@ConfigurationProperties("patients")
record PatientProperties(List<String> clinicIds) {

    PatientProperties {
        if (clinicIds == null || clinicIds.isEmpty()) {
            throw new IllegalArgumentException("patients.clinic-ids must name at least one clinic");
        }
        clinicIds = List.copyOf(clinicIds);
    }
}
