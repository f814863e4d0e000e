package com.clinicbackbone.console.bookings.persistence;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.clinicbackbone.console.bookings.Bookings;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * Collection {@code bookings_per_day}: one document per clinic and clinic-local day ({@code _id = <clinic>|<day>})
 * holding the ids of the appointments booked for it. Recording is one upsert by {@code _id} with {@code $addToSet}
 * (a redelivered event changes nothing); the overview reads a day of every clinic with one {@code _id $in}. Both
 * are key lookups, so the cost does not grow with the history kept (a few hundred ids a busy day; about a thousand
 * small documents a year for three clinics).
 */
@Repository
class MongoBookings implements Bookings {

    static final String COLLECTION = "bookings_per_day";

    private final MongoTemplate mongo;

    MongoBookings(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    static String key(String clinicId, LocalDate day) {
        return clinicId + "|" + day;
    }

    @Override
    public void recordBooked(String appointmentId, String clinicId, LocalDate day) {
        mongo.upsert(query(where("_id").is(key(clinicId, day))), new Update().addToSet("ids", appointmentId),
                COLLECTION);
    }

    @Override
    public Map<String, Long> bookedOn(LocalDate day, List<String> clinics) {
        Map<String, Long> counts = new LinkedHashMap<>();
        clinics.forEach(clinic -> counts.put(clinic, 0L));
        List<String> keys = clinics.stream().map(clinic -> key(clinic, day)).toList();
        var found = query(where("_id").in(keys));
        found.fields().include("ids");
        for (Document perDay : mongo.find(found, Document.class, COLLECTION)) {
            String clinic = perDay.getString("_id").substring(0, perDay.getString("_id").lastIndexOf('|'));
            counts.put(clinic, (long) perDay.getList("ids", String.class, List.of()).size());
        }
        return counts;
    }
}
