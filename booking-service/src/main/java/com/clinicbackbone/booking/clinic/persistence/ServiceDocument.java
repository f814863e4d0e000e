package com.clinicbackbone.booking.clinic.persistence;

import com.clinicbackbone.booking.clinic.ClinicService;
import java.time.Duration;
import org.springframework.data.annotation.Id;

/**
 * A clinic's service; the document id joins clinic and service id, as a service id is unique per clinic only. The
 * late-cancellation window is an ISO-8601 duration ({@code PT24H}); a document without one gets the default.
 */
record ServiceDocument(@Id String id, String clinicId, String serviceId, String name, int durationMinutes,
                       String lateCancellationWindow) {

    static String key(String clinicId, String serviceId) {
        return clinicId + "|" + serviceId;
    }

    static ServiceDocument of(ClinicService service) {
        return new ServiceDocument(key(service.clinicId(), service.id()), service.clinicId(), service.id(),
                service.name(), service.durationMinutes(), service.lateCancellationWindow().toString());
    }

    ClinicService toService() {
        return new ClinicService(serviceId, clinicId, name, durationMinutes,
                lateCancellationWindow == null ? null : Duration.parse(lateCancellationWindow));
    }
}
