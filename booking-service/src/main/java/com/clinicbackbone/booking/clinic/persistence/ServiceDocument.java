package com.clinicbackbone.booking.clinic.persistence;

import com.clinicbackbone.booking.clinic.ClinicService;
import com.clinicbackbone.booking.clinic.ClinicService.Prerequisite;
import java.time.Duration;
import java.util.List;
import org.springframework.data.annotation.Id;

/**
 * A clinic's service; the document id joins clinic and service id, as a service id is unique per clinic only.
 * Durations are ISO-8601 ({@code PT24H}); fields added later are null in documents stored before them and get the
 * defaults of {@link ClinicService}'s short constructor.
 */
record ServiceDocument(@Id String id, String clinicId, String serviceId, String name, int durationMinutes,
                       String lateCancellationWindow, Integer bufferBeforeMinutes, Integer bufferAfterMinutes,
                       Boolean onlineBookable, String minimumNotice, String bookingHorizon, String resourceKind,
                       String prerequisiteServiceId, String prerequisiteWithin, List<String> practitionerIds,
                       Integer slotMinutes, String aftercare) {

    static String key(String clinicId, String serviceId) {
        return clinicId + "|" + serviceId;
    }

    static ServiceDocument of(ClinicService service) {
        Prerequisite prerequisite = service.prerequisite();
        return new ServiceDocument(key(service.clinicId(), service.id()), service.clinicId(), service.id(),
                service.name(), service.durationMinutes(), service.lateCancellationWindow().toString(),
                service.bufferBeforeMinutes(), service.bufferAfterMinutes(), service.onlineBookable(),
                service.minimumNotice().toString(), service.bookingHorizon().toString(), service.resourceKind(),
                prerequisite == null ? null : prerequisite.serviceId(),
                prerequisite == null ? null : prerequisite.within().toString(), service.practitionerIds(),
                service.slotMinutes(), service.aftercare());
    }

    ClinicService toService() {
        return new ClinicService(serviceId, clinicId, name, durationMinutes, duration(lateCancellationWindow),
                bufferBeforeMinutes == null ? 0 : bufferBeforeMinutes,
                bufferAfterMinutes == null ? 0 : bufferAfterMinutes, !Boolean.FALSE.equals(onlineBookable),
                duration(minimumNotice), duration(bookingHorizon), resourceKind,
                prerequisiteServiceId == null ? null
                        : new Prerequisite(prerequisiteServiceId, duration(prerequisiteWithin)),
                practitionerIds, slotMinutes == null ? ClinicService.DEFAULT_SLOT_MINUTES : slotMinutes, aftercare);
    }

    private static Duration duration(String iso) {
        return iso == null ? null : Duration.parse(iso);
    }
}
