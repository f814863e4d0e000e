package com.clinicbackbone.booking.appointment.persistence;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.clinicbackbone.booking.appointment.PractitionerCalendar;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
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

    /**
     * Inserts every claim in one ordered batch; on a duplicate key the batch stops, and whatever of it went in is
     * removed again before the holder of a taken bucket is reported.
     */
    @Override
    public Optional<Claim> claim(String practitionerId, List<Instant> buckets, String appointmentId, long revision) {
        if (buckets.isEmpty()) {
            return Optional.empty();
        }
        List<CalendarClaim> claims = buckets.stream()
                .map(bucket -> new CalendarClaim(key(practitionerId, bucket), practitionerId, bucket, appointmentId,
                        revision))
                .toList();
        try {
            mongo.insert(claims, CalendarClaim.class);
            return Optional.empty();
        } catch (DuplicateKeyException taken) {
            List<String> keys = claims.stream().map(CalendarClaim::id).toList();
            mongo.remove(query(where("_id").in(keys).and("appointmentId").is(appointmentId)
                    .and("revision").is(revision)), COLLECTION);
            CalendarClaim holder = mongo.findOne(query(where("_id").in(keys)).with(Sort.by("bucket")),
                    CalendarClaim.class);
            // released in the meantime: still a conflict now, reported without a holder
            return Optional.of(holder == null ? new Claim(practitionerId, buckets.get(0), "", 0)
                    : new Claim(practitionerId, holder.bucket(), holder.appointmentId(), holder.revisionOrZero()));
        }
    }

    @Override
    public void release(String practitionerId, List<Instant> buckets, String appointmentId, long upToRevision) {
        if (buckets.isEmpty()) {
            return;
        }
        List<String> keys = buckets.stream().map(bucket -> key(practitionerId, bucket)).toList();
        mongo.remove(query(where("_id").in(keys).and("appointmentId").is(appointmentId)
                .orOperator(where("revision").lte(upToRevision), where("revision").exists(false))), COLLECTION);
    }

    @Override
    public void release(Claim claim) {
        Criteria revision = claim.revision() == 0
                ? new Criteria().orOperator(where("revision").is(0L), where("revision").exists(false))
                : where("revision").is(claim.revision());
        mongo.remove(query(where("_id").is(key(claim.practitionerId(), claim.bucket()))
                .and("appointmentId").is(claim.appointmentId()).andOperator(revision)), COLLECTION);
    }

    @Override
    public void releaseAll(String appointmentId) {
        mongo.remove(query(where("appointmentId").is(appointmentId)), COLLECTION);
    }

    @Override
    public List<Instant> claimedBuckets(String practitionerId, Instant from, Instant to) {
        return mongo.find(query(where("practitionerId").is(practitionerId).and("bucket").gte(from).lt(to))
                .with(Sort.by("bucket")), CalendarClaim.class).stream().map(CalendarClaim::bucket).toList();
    }
}
