package com.clinicbackbone.booking.schedule;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

/** Stores practitioners' weekly hours, their exceptions and clinic closures. */
public interface Schedules {

    Optional<WeeklyHours> hours(String practitionerId, String clinicId);

    /** The practitioner's weekly hours at every clinic. */
    List<WeeklyHours> hoursOf(String practitionerId);

    /** Creates or replaces the practitioner's hours at the clinic. */
    void save(WeeklyHours hours);

    void add(ScheduleException exception);

    /** The exception as stored now (not as this instance last loaded it). */
    Optional<ScheduleException> exception(String id);

    /** The practitioner's exceptions overlapping the clinic-local range [from, to), by start. */
    List<ScheduleException> exceptionsOf(String practitionerId, LocalDateTime from, LocalDateTime to);

    /** Removes the exception; whether it was there. */
    boolean removeException(String id);

    void add(Closure closure);

    /** The closure as stored now (not as this instance last loaded it). */
    Optional<Closure> closure(String id);

    /** The clinic's closures on the dates [from, to] (inclusive), by date. */
    List<Closure> closuresOf(String clinicId, LocalDate from, LocalDate to);

    /** Removes the clinic's closure; whether it was there. */
    boolean removeClosure(String clinicId, String id);
}
