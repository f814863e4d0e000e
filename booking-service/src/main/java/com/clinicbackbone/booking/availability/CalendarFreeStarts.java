package com.clinicbackbone.booking.availability;

import com.clinicbackbone.booking.appointment.CalendarBuckets;
import com.clinicbackbone.booking.appointment.PractitionerCalendar;
import com.clinicbackbone.booking.appointment.UnknownReferenceException;
import com.clinicbackbone.booking.clinic.Catalog;
import com.clinicbackbone.booking.clinic.ClinicService;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Free starts from the practitioner's calendar claims: every grid start whose buckets nobody holds. */
public class CalendarFreeStarts implements FreeStarts {

    private final Catalog catalog;
    private final PractitionerCalendar calendar;
    private final Clock clock;

    public CalendarFreeStarts(Catalog catalog, PractitionerCalendar calendar, Clock clock) {
        this.catalog = catalog;
        this.calendar = calendar;
        this.clock = clock;
    }

    @Override
    public List<Instant> of(String clinicId, String serviceId, String practitionerId, Instant from, Instant to) {
        ClinicService service = catalog.service(clinicId, serviceId).orElseThrow(() -> new UnknownReferenceException(
                "serviceId", "Clinic " + clinicId + " offers no service " + serviceId));
        Instant now = clock.instant();
        Instant first = CalendarBuckets.floor(from.isBefore(now) ? now : from);
        if (first.isBefore(now)) {
            first = first.plus(CalendarBuckets.SIZE);
        }
        Set<Instant> taken = new HashSet<>(calendar.claimedBuckets(practitionerId, first,
                to.plus(service.duration())));
        List<Instant> free = new ArrayList<>();
        for (Instant start = first; start.isBefore(to); start = start.plus(CalendarBuckets.SIZE)) {
            if (CalendarBuckets.covering(start, start.plus(service.duration())).stream().noneMatch(taken::contains)) {
                free.add(start);
            }
        }
        return free;
    }
}
