package com.clinicbackbone.booking.waitlist;

import com.clinicbackbone.booking.appointment.Party;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * A request to wait for freed time: a service of a clinic, with one practitioner or any ({@code practitionerId}
 * null), between two clinic-local dates (inclusive), optionally only inside clinic-local time windows and on some
 * weekdays. {@code by} says who asks: the PATIENT for themself or the CLINIC (its front desk).
 */
public record AddToWaitlist(String clinicId, String serviceId, String practitionerId, String patientId,
                            LocalDate from, LocalDate to, List<TimeWindow> times, Set<DayOfWeek> weekdays, Party by) {

    public AddToWaitlist {
        times = times == null ? List.of() : List.copyOf(times);
        weekdays = weekdays == null ? Set.of() : Set.copyOf(weekdays);
        by = by == null ? Party.CLINIC : by;
    }
}
