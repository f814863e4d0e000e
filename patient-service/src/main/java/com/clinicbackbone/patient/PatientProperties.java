package com.clinicbackbone.patient;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code patients}.
 *
 * @param clinicIds the clinics a patient can be registered at
 * @param demoData  whether to seed the two demo patients (Ann Lee, Ben Roy) with their fixed ids at startup
 */
@ConfigurationProperties("patients")
record PatientProperties(List<String> clinicIds, @DefaultValue("true") boolean demoData) {

    PatientProperties {
        if (clinicIds == null || clinicIds.isEmpty()) {
            throw new IllegalArgumentException("patients.clinic-ids must name at least one clinic");
        }
        clinicIds = List.copyOf(clinicIds);
    }
}
