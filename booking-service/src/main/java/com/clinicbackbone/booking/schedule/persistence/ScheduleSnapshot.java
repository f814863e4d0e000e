package com.clinicbackbone.booking.schedule.persistence;

import com.clinicbackbone.booking.schedule.Closure;
import com.clinicbackbone.booking.schedule.ScheduleException;
import com.clinicbackbone.booking.schedule.WeeklyHours;
import com.clinicbackbone.booking.schedule.persistence.MongoSchedules.ClosureDocument;
import com.clinicbackbone.booking.schedule.persistence.MongoSchedules.ExceptionDocument;
import com.clinicbackbone.booking.schedule.persistence.MongoSchedules.HoursDocument;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.data.mongodb.core.MongoOperations;

/**
 * All weekly hours, exceptions and closures as one instance holds them in memory (immutable): hours by
 * {@code practitionerId|clinicId} and by practitioner (by clinic id), exceptions by practitioner (by start),
 * closures by clinic (by date).
 */
record ScheduleSnapshot(Map<String, WeeklyHours> hours, Map<String, List<WeeklyHours>> hoursByPractitioner,
                        Map<String, List<ScheduleException>> exceptionsByPractitioner,
                        Map<String, List<Closure>> closuresByClinic) {

    /** Reads the three collections whole: one query each. */
    static ScheduleSnapshot load(MongoOperations mongo) {
        return of(mongo.findAll(HoursDocument.class, MongoSchedules.HOURS).stream().map(HoursDocument::hours).toList(),
                mongo.findAll(ExceptionDocument.class).stream().map(ExceptionDocument::toException).toList(),
                mongo.findAll(ClosureDocument.class).stream().map(ClosureDocument::toClosure).toList());
    }

    static ScheduleSnapshot of(List<WeeklyHours> hours, List<ScheduleException> exceptions, List<Closure> closures) {
        return new ScheduleSnapshot(
                hours.stream().collect(Collectors.toUnmodifiableMap(
                        it -> MongoSchedules.key(it.practitionerId(), it.clinicId()), Function.identity())),
                grouped(hours, WeeklyHours::practitionerId, Comparator.comparing(WeeklyHours::clinicId)),
                grouped(exceptions, ScheduleException::practitionerId,
                        Comparator.comparing(ScheduleException::start).thenComparing(ScheduleException::id)),
                grouped(closures, Closure::clinicId, Comparator.comparing(Closure::date).thenComparing(Closure::id)));
    }

    private static <T> Map<String, List<T>> grouped(List<T> items, Function<T, String> key, Comparator<T> order) {
        return items.stream().sorted(order).collect(Collectors.groupingBy(key,
                Collectors.collectingAndThen(Collectors.toList(), List::copyOf)));
    }
}
