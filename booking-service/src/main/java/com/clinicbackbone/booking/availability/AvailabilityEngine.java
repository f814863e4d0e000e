package com.clinicbackbone.booking.availability;

import com.clinicbackbone.booking.appointment.Appointment;
import com.clinicbackbone.booking.appointment.BookingRule;
import com.clinicbackbone.booking.appointment.BookingRuleException;
import com.clinicbackbone.booking.appointment.CalendarBuckets;
import com.clinicbackbone.booking.appointment.Party;
import com.clinicbackbone.booking.appointment.PractitionerCalendar;
import com.clinicbackbone.booking.appointment.PractitionerCalendar.Snapshot;
import com.clinicbackbone.booking.appointment.PractitionerCalendar.Span;
import com.clinicbackbone.booking.appointment.UnknownReferenceException;
import com.clinicbackbone.booking.clinic.Catalog;
import com.clinicbackbone.booking.clinic.Clinic;
import com.clinicbackbone.booking.clinic.ClinicService;
import com.clinicbackbone.booking.clinic.Practitioner;
import com.clinicbackbone.booking.clinic.UnknownClinicException;
import com.clinicbackbone.booking.clinic.UnknownPractitionerException;
import com.clinicbackbone.booking.clinic.UnknownServiceException;
import com.clinicbackbone.booking.schedule.Interval;
import com.clinicbackbone.booking.schedule.ScheduleService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Where a service can be booked: for each practitioner who provides it at the clinic, every start on the service's
 * clinic-local grid whose [start, end) lies inside their working time there (hours without breaks, extra hours,
 * minus leave and closed days), whose [start - buffer before, end + buffer after) none of their claims touch at any
 * clinic, with a room/device of the kind free over the same span, not in the past and within the horizon; for a
 * PATIENT also outside the minimum notice, and only for online-bookable services. Reads the calendars of every
 * practitioner and device concerned over the whole range in one go (by key: their days), never per slot.
 */
public class AvailabilityEngine implements FreeStarts {

    private static final Comparator<Slot> ORDER =
            Comparator.comparing(Slot::start).thenComparing(Slot::practitionerId);

    private final Catalog catalog;
    private final ScheduleService schedule;
    private final PractitionerCalendar calendar;
    private final Clock clock;

    public AvailabilityEngine(Catalog catalog, ScheduleService schedule, PractitionerCalendar calendar, Clock clock) {
        this.catalog = catalog;
        this.schedule = schedule;
        this.calendar = calendar;
        this.clock = clock;
    }

    /**
     * The slots on the clinic-local dates [from, to], sorted by start then practitioner; of one practitioner when
     * {@code practitionerId} is given (none when they do not provide the service there).
     */
    public List<Slot> slots(String clinicId, String serviceId, String practitionerId, LocalDate from, LocalDate to,
                            Party by) {
        Clinic clinic = catalog.clinic(clinicId).orElseThrow(() -> new UnknownClinicException(clinicId));
        ClinicService service = catalog.service(clinicId, serviceId)
                .orElseThrow(() -> new UnknownServiceException(clinicId, serviceId));
        if (practitionerId != null) {
            catalog.practitioner(practitionerId).orElseThrow(() -> new UnknownPractitionerException(practitionerId));
        }
        if (by == Party.PATIENT && !service.onlineBookable()) {
            throw new BookingRuleException(BookingRule.NOT_ONLINE_BOOKABLE, "serviceId", service.name()
                    + " cannot be booked online: please call the clinic");
        }
        ZoneId zone = clinic.zone();
        return slots(clinic, service, practitionerId, from.atStartOfDay(zone).toInstant(),
                to.plusDays(1).atStartOfDay(zone).toInstant(), by);
    }

    /** Every rule but the patient-specific ones (minimum notice, online flag, prerequisite). */
    @Override
    public List<Instant> of(String clinicId, String serviceId, String practitionerId, Instant from, Instant to) {
        Clinic clinic = catalog.clinic(clinicId).orElseThrow(
                () -> new UnknownReferenceException("clinicId", "No clinic " + clinicId));
        ClinicService service = catalog.service(clinicId, serviceId).orElseThrow(() -> new UnknownReferenceException(
                "serviceId", "Clinic " + clinicId + " offers no service " + serviceId));
        return slots(clinic, service, practitionerId, from, to, Party.CLINIC).stream().map(Slot::start).toList();
    }

    /** The slots starting in [from, to). */
    private List<Slot> slots(Clinic clinic, ClinicService service, String practitionerId, Instant from, Instant to,
                             Party by) {
        Instant now = clock.instant();
        Instant earliest = by == Party.PATIENT ? now.plus(service.minimumNotice()) : now;
        Instant latest = now.plus(service.bookingHorizon());
        Instant first = from.isBefore(earliest) ? earliest : from;
        Instant last = to.isAfter(latest.plusSeconds(1)) ? latest.plusSeconds(1) : to; // exclusive
        if (!first.isBefore(last)) {
            return List.of();
        }
        Duration before = service.bufferBefore();
        Duration after = service.bufferAfter();
        Instant claimsFrom = first.minus(before).minus(CalendarBuckets.SIZE);
        Instant claimsTo = last.plus(service.duration()).plus(after);
        List<Practitioner> practitioners = catalog.practitionersAt(clinic.id()).stream()
                .filter(it -> (practitionerId == null || it.id().equals(practitionerId))
                        && service.isProvidedBy(it.id())).toList();
        List<String> deviceOwners = service.resourceKind() == null ? List.of() : catalog.resources(clinic.id())
                .stream().filter(it -> it.kind().equals(service.resourceKind()))
                .map(it -> Appointment.resourceOwner(it.id())).toList();
        if (service.resourceKind() != null && deviceOwners.isEmpty() || practitioners.isEmpty()) {
            return List.of();
        }
        List<Span> spans = new ArrayList<>();
        practitioners.forEach(it -> spans.add(new Span(it.id(), claimsFrom, claimsTo)));
        deviceOwners.forEach(owner -> spans.add(new Span(owner, claimsFrom, claimsTo)));
        Snapshot claims = calendar.read(spans); // every practitioner and device over the whole range at once
        List<BusyTime> devices = deviceOwners.stream()
                .map(owner -> new BusyTime(claims.claims(owner, claimsFrom, claimsTo))).toList();
        ZoneId zone = clinic.zone();
        LocalDate firstDate = first.atZone(zone).toLocalDate().minusDays(1);
        LocalDate lastDate = last.atZone(zone).toLocalDate();
        List<Slot> slots = new ArrayList<>();
        for (Practitioner practitioner : practitioners) {
            BusyTime taken = new BusyTime(claims.claims(practitioner.id(), claimsFrom, claimsTo));
            for (Interval window : schedule.workingTime(practitioner.id(), clinic, firstDate, lastDate)
                    .windows(firstDate, lastDate)) {
                Instant start = CalendarBuckets.floor(window.start());
                for (; start.isBefore(window.end()); start = start.plus(CalendarBuckets.SIZE)) {
                    Instant end = start.plus(service.duration());
                    if (start.isBefore(first) || !start.isBefore(last) || !window.contains(start, end)
                            || !service.isOnGrid(start, zone)) {
                        continue;
                    }
                    Instant held = start.minus(before);
                    Instant until = end.plus(after);
                    if (!taken.isFree(held, until)) {
                        continue;
                    }
                    if (!devices.isEmpty() && devices.stream().noneMatch(device -> device.isFree(held, until))) {
                        continue;
                    }
                    slots.add(new Slot(start, end, practitioner.id()));
                }
            }
        }
        slots.sort(ORDER);
        return slots;
    }
}
