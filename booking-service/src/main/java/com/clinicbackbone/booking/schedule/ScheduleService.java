package com.clinicbackbone.booking.schedule;

import com.clinicbackbone.booking.clinic.Catalog;
import com.clinicbackbone.booking.clinic.Clinic;
import com.clinicbackbone.booking.clinic.InvalidFieldException;
import com.clinicbackbone.booking.clinic.Practitioner;
import com.clinicbackbone.booking.clinic.UnknownClinicException;
import com.clinicbackbone.booking.clinic.UnknownPractitionerException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Practitioners' weekly hours, their exceptions (leave, extra hours) and clinic closures, and the working time they
 * add up to. One person cannot be in two places: hours at one clinic must not overlap the same practitioner's hours
 * at another on the same weekday. Clinics may lie in different zones, so both are compared as instants of a fixed
 * sample week (the week of Monday 2026-01-05, outside any DST change); with one shared zone that is a wall-clock
 * comparison.
 */
public class ScheduleService {

    static final LocalDate SAMPLE_MONDAY = LocalDate.of(2026, 1, 5);

    private final Catalog catalog;
    private final Schedules schedules;
    private final Supplier<ScheduleListener> listener;

    public ScheduleService(Catalog catalog, Schedules schedules) {
        this(catalog, schedules, () -> ScheduleListener.NONE);
    }

    /** @param listener told of changes that make time bookable (looked up at each change) */
    public ScheduleService(Catalog catalog, Schedules schedules, Supplier<ScheduleListener> listener) {
        this.catalog = catalog;
        this.schedules = schedules;
        this.listener = listener;
    }

    /** The practitioner's working time at the clinic for the clinic-local dates [from, to]. */
    public WorkingTime workingTime(String practitionerId, Clinic clinic, LocalDate from, LocalDate to) {
        return new WorkingTime(clinic.id(), clinic.zone(), schedules.hours(practitionerId, clinic.id()),
                schedules.exceptionsOf(practitionerId, from.minusDays(1).atStartOfDay(),
                        to.plusDays(2).atStartOfDay()),
                schedules.closuresOf(clinic.id(), from.minusDays(1), to.plusDays(1)));
    }

    /** The practitioner's weekly hours at the clinic (none is an empty week). */
    public WeeklyHours hours(String practitionerId, String clinicId) {
        requireWorksAt(practitionerId, clinicId);
        return schedules.hours(practitionerId, clinicId).orElse(new WeeklyHours(practitionerId, clinicId, List.of()));
    }

    /** Replaces the practitioner's weekly hours at the clinic, unless they overlap their hours at another clinic. */
    public WeeklyHours replaceHours(WeeklyHours hours) {
        Clinic clinic = requireWorksAt(hours.practitionerId(), hours.clinicId());
        for (WeeklyHours elsewhere : schedules.hoursOf(hours.practitionerId())) {
            if (elsewhere.clinicId().equals(hours.clinicId())) {
                continue;
            }
            ZoneId otherZone = catalog.clinic(elsewhere.clinicId()).map(Clinic::zone).orElse(clinic.zone());
            for (DayHours mine : hours.weekly()) {
                for (DayHours theirs : elsewhere.on(mine.day())) {
                    if (overlap(mine, clinic.zone(), theirs, otherZone)) {
                        throw new ScheduleConflictException(hours.practitionerId() + " works at "
                                + elsewhere.clinicId() + " on " + mine.day() + " " + theirs.start() + "-"
                                + theirs.end() + ": the block " + mine.start() + "-" + mine.end()
                                + " would put them in two places at once");
                    }
                }
            }
        }
        schedules.save(hours);
        return hours;
    }

    public ScheduleException addException(ScheduleException exception) {
        Practitioner practitioner = practitioner(exception.practitionerId());
        if (exception.clinicId() != null && !practitioner.worksAt(exception.clinicId())) {
            throw new InvalidFieldException("clinicId", practitioner.id() + " does not work at clinic "
                    + exception.clinicId());
        }
        schedules.add(exception);
        if (exception.kind() == ExceptionKind.EXTRA_HOURS) {
            listener.get().exceptionChanged(exception, true);
        }
        return exception;
    }

    /** The practitioner's exceptions overlapping the clinic-local dates [from, to]. */
    public List<ScheduleException> exceptions(String practitionerId, LocalDate from, LocalDate to) {
        practitioner(practitionerId);
        return schedules.exceptionsOf(practitionerId, from.atStartOfDay(), to.plusDays(1).atStartOfDay());
    }

    public ScheduleException exception(String practitionerId, String id) {
        return findException(practitionerId, id)
                .orElseThrow(() -> new ScheduleEntryNotFoundException("No exception " + id + " of " + practitionerId));
    }

    public Optional<ScheduleException> findException(String practitionerId, String id) {
        return schedules.exception(id).filter(it -> it.practitionerId().equals(practitionerId));
    }

    public void removeException(String practitionerId, String id) {
        ScheduleException removed = exception(practitionerId, id);
        schedules.removeException(id);
        if (removed.kind() == ExceptionKind.LEAVE) {
            listener.get().exceptionChanged(removed, false);
        }
    }

    public Closure addClosure(Closure closure) {
        clinic(closure.clinicId());
        schedules.add(closure);
        return closure;
    }

    public List<Closure> closures(String clinicId, LocalDate from, LocalDate to) {
        clinic(clinicId);
        return schedules.closuresOf(clinicId, from, to);
    }

    /** The clinic's closure with the id, as stored now. */
    public Optional<Closure> findClosure(String clinicId, String id) {
        return schedules.closure(id).filter(it -> it.clinicId().equals(clinicId));
    }

    public void removeClosure(String clinicId, String id) {
        clinic(clinicId);
        Optional<Closure> closure = findClosure(clinicId, id);
        if (!schedules.removeClosure(clinicId, id)) {
            throw new ScheduleEntryNotFoundException("No closure " + id + " of clinic " + clinicId);
        }
        closure.ifPresent(listener.get()::closureRemoved);
    }

    public Practitioner practitioner(String practitionerId) {
        return catalog.practitioner(practitionerId)
                .orElseThrow(() -> new UnknownPractitionerException(practitionerId));
    }

    private Clinic clinic(String clinicId) {
        return catalog.clinic(clinicId).orElseThrow(() -> new UnknownClinicException(clinicId));
    }

    private Clinic requireWorksAt(String practitionerId, String clinicId) {
        Clinic clinic = clinic(clinicId);
        if (!practitioner(practitionerId).worksAt(clinicId)) {
            throw new UnknownPractitionerException(practitionerId + " at clinic " + clinicId);
        }
        return clinic;
    }

    private static boolean overlap(DayHours one, ZoneId oneZone, DayHours other, ZoneId otherZone) {
        LocalDate date = SAMPLE_MONDAY.plusDays(one.day().getValue() - DayOfWeek.MONDAY.getValue());
        return instant(date, one.start(), oneZone).isBefore(instant(date, other.end(), otherZone))
                && instant(date, other.start(), otherZone).isBefore(instant(date, one.end(), oneZone));
    }

    private static Instant instant(LocalDate date, LocalTime time, ZoneId zone) {
        return date.atTime(time).atZone(zone).toInstant();
    }
}
