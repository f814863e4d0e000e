package com.clinicbackbone.booking;

import com.clinicbackbone.booking.appointment.CalendarBuckets;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Reads the calendars ({@code calendar_days}: one document per owner and day holding intervals) for assertions, as
 * the 5-minute buckets the claims cover, each once however many day documents hold its interval.
 */
final class CalendarDays {

    static final String COLLECTION = "calendar_days";

    /** One 5-minute bucket of an owner's calendar that an appointment's claim covers. */
    record Bucket(String owner, Instant bucket, String appointmentId, long revision) {
    }

    private CalendarDays() {
    }

    static List<Bucket> all(MongoTemplate mongo) {
        Set<Bucket> buckets = new LinkedHashSet<>();
        for (Document day : mongo.findAll(Document.class, COLLECTION)) {
            for (Document interval : day.getList("intervals", Document.class, List.of())) {
                for (Instant bucket : CalendarBuckets.covering(interval.getDate("start").toInstant(),
                        interval.getDate("end").toInstant())) {
                    buckets.add(new Bucket(day.getString("owner"), bucket, interval.getString("appointmentId"),
                            ((Number) interval.get("revision")).longValue()));
                }
            }
        }
        return List.copyOf(buckets);
    }

    /** The buckets the appointment's claims cover. */
    static List<Bucket> ofAppointment(MongoTemplate mongo, String appointmentId) {
        return all(mongo).stream().filter(it -> it.appointmentId().equals(appointmentId)).toList();
    }

    /** The buckets in [from, to) of the owner's calendar that claims cover. */
    static List<Bucket> ofOwner(MongoTemplate mongo, String owner, Instant from, Instant to) {
        return all(mongo).stream().filter(it -> it.owner().equals(owner) && !it.bucket().isBefore(from)
                && it.bucket().isBefore(to)).toList();
    }
}
