package com.clinicbackbone.booking.schedule;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Schedules in memory, seeded with the demo weekly hours. */
public class InMemorySchedules implements Schedules {

    private final Map<String, WeeklyHours> hours = new ConcurrentHashMap<>();
    private final Map<String, ScheduleException> exceptions = new ConcurrentHashMap<>();
    private final Map<String, Closure> closures = new ConcurrentHashMap<>();

    public InMemorySchedules() {
        DemoSchedule.HOURS.forEach(this::save);
    }

    @Override
    public Optional<WeeklyHours> hours(String practitionerId, String clinicId) {
        return Optional.ofNullable(hours.get(practitionerId + "|" + clinicId));
    }

    @Override
    public List<WeeklyHours> hoursOf(String practitionerId) {
        return hours.values().stream().filter(it -> it.practitionerId().equals(practitionerId)).toList();
    }

    @Override
    public void save(WeeklyHours weekly) {
        hours.put(weekly.practitionerId() + "|" + weekly.clinicId(), weekly);
    }

    @Override
    public void add(ScheduleException exception) {
        exceptions.put(exception.id(), exception);
    }

    @Override
    public Optional<ScheduleException> exception(String id) {
        return Optional.ofNullable(exceptions.get(id));
    }

    @Override
    public List<ScheduleException> exceptionsOf(String practitionerId, LocalDateTime from, LocalDateTime to) {
        return exceptions.values().stream().filter(it -> it.practitionerId().equals(practitionerId)
                && it.overlaps(from, to)).sorted(Comparator.comparing(ScheduleException::start)).toList();
    }

    @Override
    public boolean removeException(String id) {
        return exceptions.remove(id) != null;
    }

    @Override
    public void add(Closure closure) {
        closures.put(closure.id(), closure);
    }

    @Override
    public Optional<Closure> closure(String id) {
        return Optional.ofNullable(closures.get(id));
    }

    @Override
    public List<Closure> closuresOf(String clinicId, LocalDate from, LocalDate to) {
        return closures.values().stream().filter(it -> it.clinicId().equals(clinicId) && !it.date().isBefore(from)
                && !it.date().isAfter(to)).sorted(Comparator.comparing(Closure::date)).toList();
    }

    @Override
    public boolean removeClosure(String clinicId, String id) {
        return closures.remove(id) != null;
    }
}
