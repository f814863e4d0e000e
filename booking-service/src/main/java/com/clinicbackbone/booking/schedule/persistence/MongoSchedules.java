package com.clinicbackbone.booking.schedule.persistence;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

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
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.stereotype.Repository;

/**
 * Weekly hours ({@code practitioner_hours}, {@code _id = practitionerId|clinicId}), exceptions
 * ({@code schedule_exceptions}) and closures ({@code clinic_closures}). Local date-times are stored as ISO strings
 * (they are wall-clock times of the clinic, not instants), which sort like the times they are.
 */
@Repository
class MongoSchedules implements Schedules {

    static final String HOURS = "practitioner_hours";

    @Document("schedule_exceptions")
    @CompoundIndex(name = "practitioner_start", def = "{'practitionerId': 1, 'start': 1}")
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
    @CompoundIndex(name = "clinic_date", def = "{'clinicId': 1, 'date': 1}")
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

    MongoSchedules(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    static String key(String practitionerId, String clinicId) {
        return practitionerId + "|" + clinicId;
    }

    @Override
    public Optional<WeeklyHours> hours(String practitionerId, String clinicId) {
        return Optional.ofNullable(mongo.findById(key(practitionerId, clinicId), HoursDocument.class, HOURS))
                .map(HoursDocument::hours);
    }

    @Override
    public List<WeeklyHours> hoursOf(String practitionerId) {
        return mongo.find(query(where("practitionerId").is(practitionerId)), HoursDocument.class, HOURS).stream()
                .map(HoursDocument::hours).toList();
    }

    @Override
    public void save(WeeklyHours hours) {
        mongo.save(HoursDocument.of(hours), HOURS);
    }

    /** Stores the hours unless the practitioner already has hours at the clinic (seeding keeps staff edits). */
    void saveIfAbsent(WeeklyHours hours) {
        try {
            mongo.insert(HoursDocument.of(hours), HOURS);
        } catch (DuplicateKeyException present) {
            // seeded before, or edited by the front desk since: keep it
        }
    }

    @Override
    public void add(ScheduleException exception) {
        mongo.insert(ExceptionDocument.of(exception));
    }

    @Override
    public Optional<ScheduleException> exception(String id) {
        return Optional.ofNullable(mongo.findById(id, ExceptionDocument.class)).map(ExceptionDocument::toException);
    }

    @Override
    public List<ScheduleException> exceptionsOf(String practitionerId, LocalDateTime from, LocalDateTime to) {
        // ISO strings compare like the times they are (a shorter one is a prefix: seconds left out are zero); the
        // overlap is checked again after reading
        return mongo.find(query(where("practitionerId").is(practitionerId).and("start").lt(to.toString())
                        .and("end").gt(from.toString()))
                        .with(Sort.by("start")), ExceptionDocument.class).stream()
                .map(ExceptionDocument::toException).filter(it -> it.overlaps(from, to)).toList();
    }

    @Override
    public boolean removeException(String id) {
        return mongo.remove(query(where("_id").is(id)), ExceptionDocument.class).getDeletedCount() > 0;
    }

    @Override
    public void add(Closure closure) {
        mongo.insert(ClosureDocument.of(closure));
    }

    @Override
    public List<Closure> closuresOf(String clinicId, LocalDate from, LocalDate to) {
        return mongo.find(query(where("clinicId").is(clinicId).and("date").gte(from.toString()).lte(to.toString()))
                .with(Sort.by("date")), ClosureDocument.class).stream().map(ClosureDocument::toClosure).toList();
    }

    @Override
    public boolean removeClosure(String clinicId, String id) {
        return mongo.remove(query(where("_id").is(id).and("clinicId").is(clinicId)), ClosureDocument.class)
                .getDeletedCount() > 0;
    }
}
