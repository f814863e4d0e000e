package com.clinicbackbone.booking.waitlist.web;

import com.clinicbackbone.booking.appointment.Party;
import com.clinicbackbone.booking.waitlist.AddToWaitlist;
import com.clinicbackbone.booking.waitlist.TimeWindow;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;

/**
 * A patient to put on the waitlist: a service of a clinic, with a practitioner or any ({@code practitionerId}
 * absent), from and to clinic-local dates (inclusive), optionally only inside clinic-local {@code times} windows
 * ({@code [{"start":"08:00","end":"12:00"}]}) and on some {@code weekdays}.
 */
record AddToWaitlistRequest(@NotBlank @Size(max = 100) String clinicId,
                            @NotBlank @Size(max = 100) String serviceId,
                            @Size(max = 100) String practitionerId,
                            @NotBlank @Size(max = 100) String patientId,
                            @NotNull LocalDate from,
                            @NotNull LocalDate to,
                            @Size(max = 10) List<@NotNull @Valid Window> times,
                            @Size(max = 7) Set<@NotNull DayOfWeek> weekdays) {

    /** A clinic-local time window, start before end. */
    record Window(@NotNull LocalTime start, @NotNull LocalTime end) {
    }

    AddToWaitlist toCommand(Party by) {
        return new AddToWaitlist(clinicId, serviceId, practitionerId == null || practitionerId.isBlank() ? null
                : practitionerId, patientId, from, to,
                times == null ? List.of() : times.stream().map(it -> new TimeWindow(it.start(), it.end())).toList(),
                weekdays, by);
    }
}
