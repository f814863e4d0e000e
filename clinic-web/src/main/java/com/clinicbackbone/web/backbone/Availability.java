package com.clinicbackbone.web.backbone;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** {@code GET /api/availability}: the free starts of a service, per practitioner, in a span of clinic-local days. */
public record Availability(String clinicId, String serviceId, String timeZone, LocalDate from, LocalDate to,
                           List<Slot> slots) {

    public record Slot(Instant start, Instant end, String practitionerId) {
    }
}
