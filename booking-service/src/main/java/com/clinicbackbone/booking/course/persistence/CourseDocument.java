package com.clinicbackbone.booking.course.persistence;

import com.clinicbackbone.booking.course.Course;
import com.clinicbackbone.booking.course.CourseStatus;
import com.clinicbackbone.messaging.OutboxEntry;
import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A course with its pending events (the outbox the relay publishes from). Ids only: no personal data. The unique
 * index on {@code {_id, revision}} serves the compare-and-set of every change as a key lookup.
 */
@Document(MongoCourses.COLLECTION)
@CompoundIndex(name = "id_revision", def = "{'_id': 1, 'revision': 1}", unique = true)
record CourseDocument(@Id String id, String clinicId, String serviceId, String practitionerId,
                      @Indexed String patientId, int minDaysBetween, int maxDaysBetween, List<String> appointmentIds,
                      Instant createdAt, CourseStatus status, Instant cancelledAt, long revision,
                      List<OutboxEntry> outbox, @Indexed boolean outboxPending) {

    static CourseDocument of(Course course, List<OutboxEntry> outbox) {
        return new CourseDocument(course.id(), course.clinicId(), course.serviceId(), course.practitionerId(),
                course.patientId(), course.minDaysBetween(), course.maxDaysBetween(), course.appointmentIds(),
                course.createdAt(), course.status(), course.cancelledAt(), course.revision(), outbox,
                !outbox.isEmpty());
    }

    Course toCourse() {
        return Course.restore(id, clinicId, serviceId, practitionerId, patientId, minDaysBetween, maxDaysBetween,
                appointmentIds, createdAt, status, cancelledAt, revision);
    }
}
