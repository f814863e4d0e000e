package com.clinicbackbone.booking.schedule.persistence;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.clinicbackbone.booking.persistence.ReferenceCache;
import com.clinicbackbone.booking.schedule.Closure;
import com.clinicbackbone.booking.schedule.DayHours;
import com.clinicbackbone.booking.schedule.ExceptionKind;
import com.clinicbackbone.booking.schedule.TimeRange;
import com.clinicbackbone.booking.schedule.ScheduleException;
import com.clinicbackbone.booking.schedule.Schedules;
import com.clinicbackbone.booking.schedule.WeeklyHours;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.stereotype.Repository;

/**
 * Weekly hours ({@code practitioner_hours}, {@code _id = practitionerId|clinicId}), exceptions
 * ({@code schedule_exceptions}) and closures ({@code clinic_closures}). Local date-times are stored as ISO strings
 * (they are wall-clock times of the clinic, not instants). The booking and availability reads come from a snapshot
 * of all three collections this instance holds in memory (see {@link ReferenceCache}): warm, they make no round
 * trip. Every write is by {@code _id}, then announced and reloaded before it returns.
 */
@Repository
class MongoSchedules implements Schedules, SmartLifecycle {

    static final String HOURS = "practitioner_hours";

    @Document("schedule_exceptions")
    record ExceptionDocument(@Id String id, String practitionerId, String kind, String clinicId, String start,
                             String end) {

        static ExceptionDocument of(ScheduleException exception) {
            return new ExceptionDocument(exception.id(), exception.practitionerId(), exception.kind().name(),
                    exception.clinicId(), exception.start().toString(), exception.end().toString());
        }

        ScheduleException toException() {
            return new ScheduleException(id, practitionerId,
                    ExceptionKind.valueOf(kind), clinicId,
                    LocalDateTime.parse(start), LocalDateTime.parse(end));
        }
    }

    @Document("clinic_closures")
    record ClosureDocument(@Id String id, String clinicId, String date, String name) {

        static ClosureDocument of(Closure closure) {
            return new ClosureDocument(closure.id(), closure.clinicId(), closure.date().toString(), closure.name());
        }

        Closure toClosure() {
            return new Closure(id, clinicId, LocalDate.parse(date), name);
        }
    }

    /** Weekly hours with their wall-clock times as {@code HH:mm} strings. */
    record HoursDocument(@Id String id, String practitionerId, String clinicId, List<DayDocument> weekly) {

        static HoursDocument of(WeeklyHours hours) {
            return new HoursDocument(key(hours.practitionerId(), hours.clinicId()), hours.practitionerId(),
                    hours.clinicId(), hours.weekly().stream().map(day -> new DayDocument(day.day().name(),
                            day.start().toString(), day.end().toString(), day.breaks().stream()
                            .map(pause -> new BreakDocument(pause.start().toString(), pause.end().toString()))
                            .toList())).toList());
        }

        WeeklyHours hours() {
            return new WeeklyHours(practitionerId, clinicId, weekly == null ? List.of() : weekly.stream()
                    .map(day -> new DayHours(DayOfWeek.valueOf(day.day()), LocalTime.parse(day.start()),
                            LocalTime.parse(day.end()), day.breaks() == null ? List.of() : day.breaks().stream()
                            .map(pause -> new TimeRange(LocalTime.parse(pause.start()), LocalTime.parse(pause.end())))
                            .toList())).toList());
        }
    }

    record DayDocument(String day, String start, String end, List<BreakDocument> breaks) {
    }

    record BreakDocument(String start, String end) {
    }

    private final MongoTemplate mongo;
    private final ReferenceCache<ScheduleSnapshot> cache;

    MongoSchedules(MongoTemplate mongo, ReferenceCache.Settings settings) {
        this.mongo = mongo;
        this.cache = new ReferenceCache<>("schedules", mongo, () -> ScheduleSnapshot.load(mongo), settings);
    }

    static String key(String practitionerId, String clinicId) {
        return practitionerId + "|" + clinicId;
    }

    private ScheduleSnapshot snapshot() {
        return cache.current();
    }

    @Override
    public Optional<WeeklyHours> hours(String practitionerId, String clinicId) {
        return Optional.ofNullable(snapshot().hours().get(key(practitionerId, clinicId)));
    }

    @Override
    public List<WeeklyHours> hoursOf(String practitionerId) {
        return snapshot().hoursByPractitioner().getOrDefault(practitionerId, List.of());
    }

    @Override
    public void save(WeeklyHours hours) {
        mongo.save(HoursDocument.of(hours), HOURS);
        cache.changed();
    }

    /**
     * Stores each of the hours unless the practitioner already has hours at that clinic (seeding keeps staff
     * edits), then has every instance reload.
     */
    void saveAllIfAbsent(List<WeeklyHours> hours) {
        for (WeeklyHours each : hours) {
            try {
                mongo.insert(HoursDocument.of(each), HOURS);
            } catch (DuplicateKeyException present) {
                // seeded before, or edited by the front desk since: keep it
            }
        }
        cache.changed();
    }

    @Override
    public void add(ScheduleException exception) {
        mongo.insert(ExceptionDocument.of(exception));
        cache.changed();
    }

    /** Read by {@code _id} from the database (not the snapshot): the desk may remove what another instance added. */
    @Override
    public Optional<ScheduleException> exception(String id) {
        return Optional.ofNullable(mongo.findById(id, ExceptionDocument.class)).map(ExceptionDocument::toException);
    }

    @Override
    public List<ScheduleException> exceptionsOf(String practitionerId, LocalDateTime from, LocalDateTime to) {
        return snapshot().exceptionsByPractitioner().getOrDefault(practitionerId, List.of()).stream()
                .filter(it -> it.overlaps(from, to)).toList();
    }

    @Override
    public boolean removeException(String id) {
        boolean removed = mongo.remove(query(where("_id").is(id)), ExceptionDocument.class).getDeletedCount() > 0;
        if (removed) {
            cache.changed();
        }
        return removed;
    }

    @Override
    public void add(Closure closure) {
        mongo.insert(ClosureDocument.of(closure));
        cache.changed();
    }

    /** Read by {@code _id} from the database (not the snapshot), like {@link #exception}. */
    @Override
    public Optional<Closure> closure(String id) {
        return Optional.ofNullable(mongo.findById(id, ClosureDocument.class)).map(ClosureDocument::toClosure);
    }

    @Override
    public List<Closure> closuresOf(String clinicId, LocalDate from, LocalDate to) {
        return snapshot().closuresByClinic().getOrDefault(clinicId, List.of()).stream()
                .filter(it -> !it.date().isBefore(from) && !it.date().isAfter(to)).toList();
    }

    /** Checks the clinic on the stored document (by {@code _id}), then removes it by {@code _id}. */
    @Override
    public boolean removeClosure(String clinicId, String id) {
        ClosureDocument stored = mongo.findById(id, ClosureDocument.class);
        if (stored == null || !clinicId.equals(stored.clinicId())) {
            return false;
        }
        boolean removed = mongo.remove(query(where("_id").is(id)), ClosureDocument.class).getDeletedCount() > 0;
        if (removed) {
            cache.changed();
        }
        return removed;
    }

    @Override
    public void start() {
        cache.start();
    }

    @Override
    public void stop() {
        cache.stop();
    }

    @Override
    public boolean isRunning() {
        return cache.isRunning();
    }
}
