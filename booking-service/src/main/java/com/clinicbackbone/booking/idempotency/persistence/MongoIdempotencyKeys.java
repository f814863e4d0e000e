package com.clinicbackbone.booking.idempotency.persistence;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.clinicbackbone.booking.idempotency.IdempotencyKeys;
import com.clinicbackbone.booking.idempotency.IdempotencyRecord;
import com.clinicbackbone.booking.idempotency.IdempotentRequests;
import com.clinicbackbone.booking.idempotency.StoredResponse;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * Keys in collection {@code idempotency_keys}, each under {@code _id} = subject and key, so the first insert wins.
 * Every change is one single-document operation conditional on the attempt's token, {@code {_id, token}}, a key
 * lookup through the unique index {@value #TOKEN_INDEX}; a takeover also on the record being unfinished,
 * {@code {_id, token, status: null}}, through {@value #TAKEOVER_INDEX}. Records go after {@link IdempotentRequests#RETENTION}: the retention job removes them (the TTL index on
 * {@code createdAt} does it on MongoDB too, and serves the job's range).
 */
@Repository
class MongoIdempotencyKeys implements IdempotencyKeys {

    static final String COLLECTION = "idempotency_keys";
    static final String TOKEN_INDEX = "id_token";
    static final String TAKEOVER_INDEX = "id_token_status";
    static final String TTL_INDEX = "expiry";

    private final MongoTemplate mongo;

    MongoIdempotencyKeys(MongoTemplate mongo) {
        this.mongo = mongo;
        var indexes = mongo.indexOps(COLLECTION);
        indexes.createIndex(new Index().on("_id", Sort.Direction.ASC).on("token", Sort.Direction.ASC).unique()
                .named(TOKEN_INDEX));
        indexes.createIndex(new Index().on("_id", Sort.Direction.ASC).on("token", Sort.Direction.ASC)
                .on("status", Sort.Direction.ASC).unique().named(TAKEOVER_INDEX));
        indexes.createIndex(new Index().on("createdAt", Sort.Direction.ASC).expire(IdempotentRequests.RETENTION)
                .named(TTL_INDEX));
    }

    /** The id of a subject's key: both, unambiguously (the subject's length first). */
    static String id(String subject, String key) {
        return subject.length() + ":" + subject + "|" + key;
    }

    @Override
    public Optional<IdempotencyRecord> insertIfAbsent(IdempotencyRecord record) {
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                mongo.insert(IdempotencyKeyDocument.of(record));
                return Optional.empty();
            } catch (DuplicateKeyException taken) {
                IdempotencyKeyDocument existing = mongo.findById(id(record.subject(), record.key()),
                        IdempotencyKeyDocument.class);
                if (existing != null) {
                    return Optional.of(existing.toRecord());
                }
                // removed between the insert and the read: insert again
            }
        }
        throw new IllegalStateException("idempotency key changes too fast to be recorded");
    }

    @Override
    public boolean takeOver(String subject, String key, String expiredToken, String newToken, String resourceId,
                            Instant leaseUntil) {
        var result = mongo.updateFirst(held(subject, key, expiredToken).addCriteria(where("status").is(null)),
                new Update().set("token", newToken).set("resourceId", resourceId).set("leaseUntil", leaseUntil),
                IdempotencyKeyDocument.class);
        return result.getModifiedCount() == 1;
    }

    @Override
    public void complete(String subject, String key, String token, StoredResponse response) {
        mongo.updateFirst(held(subject, key, token),
                new Update().set("status", response.status()).set("body", response.body()),
                IdempotencyKeyDocument.class);
    }

    @Override
    public void remove(String subject, String key, String token) {
        mongo.remove(held(subject, key, token), IdempotencyKeyDocument.class);
    }

    /**
     * The retention job's range over the index on {@code createdAt}: not a hot path; it runs rarely and in bounded
     * batches (the ids first, then a removal by id).
     */
    @Override
    public int removeCreatedBefore(Instant instant, int limit) {
        Query old = query(where("createdAt").lt(instant)).limit(limit);
        old.fields().include("_id");
        List<Object> ids = mongo.find(old, Document.class, COLLECTION).stream().map(it -> it.get("_id")).toList();
        if (ids.isEmpty()) {
            return 0;
        }
        return (int) mongo.remove(query(where("_id").in(ids)), COLLECTION).getDeletedCount();
    }

    /** The record while the attempt with the token holds it. */
    private static Query held(String subject, String key, String token) {
        return query(where("_id").is(id(subject, key)).and("token").is(token));
    }
}
