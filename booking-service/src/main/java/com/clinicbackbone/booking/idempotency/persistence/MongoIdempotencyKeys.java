package com.clinicbackbone.booking.idempotency.persistence;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.clinicbackbone.booking.idempotency.IdempotencyKeys;
import com.clinicbackbone.booking.idempotency.IdempotencyRecord;
import com.clinicbackbone.booking.idempotency.IdempotentRequests;
import com.clinicbackbone.booking.idempotency.StoredResponse;
import java.time.Instant;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * Keys in collection {@code idempotency_keys}: a unique index on (subject, key) makes the first insert win, and a
 * TTL index on {@code createdAt} removes a key after {@link IdempotentRequests#RETENTION}. Every change is one
 * single-document operation conditional on the attempt's token.
 */
@Repository
class MongoIdempotencyKeys implements IdempotencyKeys {

    static final String COLLECTION = "idempotency_keys";
    static final String UNIQUE_INDEX = "subject_key";
    static final String TTL_INDEX = "expiry";

    private final MongoTemplate mongo;

    MongoIdempotencyKeys(MongoTemplate mongo) {
        this.mongo = mongo;
        var indexes = mongo.indexOps(COLLECTION);
        indexes.createIndex(new Index().on("subject", Sort.Direction.ASC).on("key", Sort.Direction.ASC).unique()
                .named(UNIQUE_INDEX));
        indexes.createIndex(new Index().on("createdAt", Sort.Direction.ASC).expire(IdempotentRequests.RETENTION)
                .named(TTL_INDEX));
    }

    @Override
    public Optional<IdempotencyRecord> insertIfAbsent(IdempotencyRecord record) {
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                mongo.insert(IdempotencyKeyDocument.of(record));
                return Optional.empty();
            } catch (DuplicateKeyException taken) {
                IdempotencyKeyDocument existing = mongo.findOne(of(record.subject(), record.key()),
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
    public boolean takeOver(String subject, String key, String expiredToken, String newToken, Instant leaseUntil) {
        var result = mongo.updateFirst(of(subject, key).addCriteria(where("token").is(expiredToken))
                        .addCriteria(where("status").is(null)),
                new Update().set("token", newToken).set("leaseUntil", leaseUntil), IdempotencyKeyDocument.class);
        return result.getModifiedCount() == 1;
    }

    @Override
    public void complete(String subject, String key, String token, StoredResponse response) {
        mongo.updateFirst(of(subject, key).addCriteria(where("token").is(token)),
                new Update().set("status", response.status()).set("body", response.body()),
                IdempotencyKeyDocument.class);
    }

    @Override
    public void remove(String subject, String key, String token) {
        mongo.remove(of(subject, key).addCriteria(where("token").is(token)), IdempotencyKeyDocument.class);
    }

    private static Query of(String subject, String key) {
        return query(where("subject").is(subject).and("key").is(key));
    }
}
