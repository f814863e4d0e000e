package com.clinicbackbone.booking.appointment.persistence;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.clinicbackbone.booking.appointment.PractitionerCalendar;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Repository;

/**
 * Claims in collection {@code calendar_claims}, one document per practitioner and bucket with
 * {@code _id = <practitionerId>|<bucket start>}: the unique {@code _id} lets exactly one appointment hold a
 * bucket, across clinics and booking-service instances.
 */
@Repository
class MongoPractitionerCalendar implements PractitionerCalendar {

    static final String COLLECTION = "calendar_claims";

    private final MongoTemplate mongo;

    MongoPractitionerCalendar(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    static String key(String practitionerId, Instant bucket) {
        return practitionerId + "|" + bucket;
    }

    @Override
    public Optional<String> claim(String practitionerId, List<Instant> buckets, String appointmentId) {
        List<String> claimed = new ArrayList<>();
        for (Instant bucket : buckets) {
            String key = key(practitionerId, bucket);
            try {
                mongo.insert(new CalendarClaim(key, practitionerId, bucket, appointmentId), COLLECTION);
                claimed.add(key);
            } catch (DuplicateKeyException taken) {
                remove(claimed, appointmentId);
                CalendarClaim holder = mongo.findById(key, CalendarClaim.class, COLLECTION);
                // released in the meantime: still a conflict now, reported without a holder to clean up
                return Optional.of(holder == null ? "" : holder.appointmentId());
            }
        }
        return Optional.empty();
    }

    @Override
    public void release(String practitionerId, List<Instant> buckets, String appointmentId) {
        remove(buckets.stream().map(bucket -> key(practitionerId, bucket)).toList(), appointmentId);
    }

    private void remove(List<String> keys, String appointmentId) {
        if (!keys.isEmpty()) {
            mongo.remove(query(where("_id").in(keys).and("appointmentId").is(appointmentId)), COLLECTION);
        }
    }

    record CalendarClaim(@Id String id, String practitionerId, Instant bucket, String appointmentId) {
    }
}
