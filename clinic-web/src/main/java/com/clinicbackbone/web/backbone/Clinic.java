package com.clinicbackbone.web.backbone;

import java.time.ZoneId;

/** A clinic as booking-service's {@code GET /api/clinics} gives it. */
public record Clinic(String id, String name, String timeZone) {

    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }
}
