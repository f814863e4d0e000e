package com.clinicbackbone.booking.course.persistence;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.clinicbackbone.booking.course.Course;
import com.clinicbackbone.booking.course.CourseStateException;
import com.clinicbackbone.booking.course.Courses;
import com.clinicbackbone.events.CourseCancelled;
import com.clinicbackbone.events.CoursePlanned;
import com.clinicbackbone.events.CourseSessionRescheduled;
import com.clinicbackbone.events.Envelope;
import com.clinicbackbone.events.Topics;
import com.clinicbackbone.messaging.Outbox;
import com.clinicbackbone.messaging.OutboxEntry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * Courses in collection {@code courses}. Each write stores the change and its events (as outbox entries for
 * {@code clinic.courses.v1}, keyed by course id) in one single-document operation, then wakes the relay.
 */
@Repository
class MongoCourses implements Courses {

    static final String COLLECTION = "courses";
    static final String SOURCE = "/booking-service";
    private static final Map<Class<?>, String> TYPES = Map.of(
            CoursePlanned.class, CoursePlanned.TYPE,
            CourseSessionRescheduled.class, CourseSessionRescheduled.TYPE,
            CourseCancelled.class, CourseCancelled.TYPE);

    private final MongoTemplate mongo;
    private final JsonMapper json;
    private final CourseOutboxRelay relay;
    private final Clock clock;

    MongoCourses(MongoTemplate mongo, JsonMapper json, CourseOutboxRelay relay, Clock clock) {
        this.mongo = mongo;
        this.json = json;
        this.relay = relay;
        this.clock = clock;
    }

    @Override
    public Optional<Course> find(String id) {
        return Optional.ofNullable(mongo.findById(id, CourseDocument.class)).map(CourseDocument::toCourse);
    }

    @Override
    public void add(Course course) {
        mongo.insert(CourseDocument.of(course, outboxEntries(course)));
        stored(course);
    }

    @Override
    public void update(Course course) {
        long loadedRevision = course.revision() - course.events().size();
        Update update = new Update()
                .set("status", course.status())
                .set("cancelledAt", course.cancelledAt())
                .set("revision", course.revision())
                .push(Outbox.ENTRIES).each(outboxEntries(course).toArray())
                .set(Outbox.PENDING, true);
        var result = mongo.updateFirst(query(where("_id").is(course.id()).and("revision").is(loadedRevision)),
                update, CourseDocument.class);
        if (result.getMatchedCount() == 0) {
            throw new CourseStateException("Course " + course.id()
                    + " was changed by another request meanwhile; reload it and try again");
        }
        stored(course);
    }

    @Override
    public List<Course> ofPatient(String patientId) {
        var query = query(where("patientId").is(patientId)).with(Sort.by("createdAt", "_id"));
        query.fields().exclude(Outbox.ENTRIES);
        return mongo.find(query, CourseDocument.class).stream().map(CourseDocument::toCourse).toList();
    }

    private void stored(Course course) {
        course.clearEvents();
        relay.nudge(course.id());
    }

    private List<OutboxEntry> outboxEntries(Course course) {
        List<Object> events = course.events();
        long firstRevision = course.revision() - events.size() + 1;
        Instant now = clock.instant();
        List<OutboxEntry> entries = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            Object event = events.get(i);
            String type = TYPES.get(event.getClass());
            if (type == null) {
                throw new IllegalArgumentException("Not a course event: " + event.getClass().getName());
            }
            Envelope envelope = Envelope.of(type, SOURCE, now, course.id(), course.clinicId(), firstRevision + i);
            entries.add(OutboxEntry.of(Topics.COURSES, envelope, json.writeValueAsString(event)));
        }
        return entries;
    }
}
