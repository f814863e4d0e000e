package com.clinicbackbone.web.backbone;

import java.time.Duration;
import java.util.List;

/** A service of a clinic as {@code GET /api/clinics/{id}/services} gives it (the fields the pages show). */
public record ClinicService(String id, String clinicId, String name, int durationMinutes,
                            Duration lateCancellationWindow, boolean onlineBookable, Duration minimumNotice,
                            Duration bookingHorizon, List<String> practitionerIds) {
}
