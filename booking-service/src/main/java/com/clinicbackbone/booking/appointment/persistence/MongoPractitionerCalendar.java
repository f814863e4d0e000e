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

    @Override
    public Optional<Claim> claim(String practitionerId, List<Instant> buckets, String appointmentId, long revision) {
        List<String> claimed = new ArrayList<>();
        for (Instant bucket : buckets) {
            String key = key(practitionerId, bucket);
            try {
                mongo.insert(new CalendarClaim(key, practitionerId, bucket, appointmentId, revision));
                claimed.add(key);
            } catch (DuplicateKeyException taken) {
                if (!claimed.isEmpty()) {
                    mongo.remove(query(where("_id").in(claimed).and("appointmentId").is(appointmentId)
                            .and("revision").is(revision)), COLLECTION);
                }
                CalendarClaim holder = mongo.findById(key, CalendarClaim.class);
                // released in the meantime: still a conflict now, reported without a holder
                return Optional.of(holder == null ? new Claim(practitionerId, bucket, "", 0)
                        : new Claim(practitionerId, bucket, holder.appointmentId(), holder.revisionOrZero()));
            }
        }
        return Optional.empty();
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
