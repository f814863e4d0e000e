package com.clinicbackbone.booking.clinic.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

/** Request bodies of the catalog's staff endpoints (the domain records check the rest). */
final class ClinicRequests {

    private ClinicRequests() {
    }

    record ClinicRequest(@NotBlank @Size(max = 200) String name, @NotBlank @Size(max = 100) String timeZone) {
    }

    record PrerequisiteRequest(@NotBlank @Size(max = 100) String serviceId, @NotNull Duration within) {
    }

    /** Durations are ISO-8601 ({@code PT2H}, {@code P90D}); left-out optional fields get the defaults. */
    record ServiceRequest(@NotBlank @Size(max = 200) String name,
                          @NotNull Integer durationMinutes,
                          Duration lateCancellationWindow,
                          Integer bufferBeforeMinutes,
                          Integer bufferAfterMinutes,
                          @NotNull Boolean onlineBookable,
                          Duration minimumNotice,
                          Duration bookingHorizon,
                          @Size(max = 40) String resourceKind,
                          @Valid PrerequisiteRequest prerequisite,
                          @NotEmpty List<@NotBlank @Size(max = 100) String> practitionerIds,
                          @NotNull Integer slotMinutes,
                          @Size(max = 2000) String aftercare) {
    }

    record ResourceRequest(@NotBlank @Size(max = 200) String name, @NotBlank @Size(max = 40) String kind) {
    }

    record ClosureRequest(@NotNull LocalDate date, @Size(max = 200) String name) {
    }
}
