package com.clinicbackbone.booking.idempotency.persistence;

import com.clinicbackbone.booking.idempotency.IdempotencyRecord;
import com.clinicbackbone.booking.idempotency.StoredResponse;
import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One caller's idempotency key, {@code _id} = {@link MongoIdempotencyKeys#id(String, String) the subject and the
 * key}; {@code resourceId} is the id chosen for the request's resource. Status and body stay null until the request
 * has its answer.
 */
@Document(MongoIdempotencyKeys.COLLECTION)
record IdempotencyKeyDocument(@Id String id, String subject, String key, String resourceId, String fingerprint,
                              String token, Instant createdAt, Instant leaseUntil, Integer status, String body) {

    static IdempotencyKeyDocument of(IdempotencyRecord record) {
        StoredResponse response = record.response();
        return new IdempotencyKeyDocument(MongoIdempotencyKeys.id(record.subject(), record.key()), record.subject(),
                record.key(), record.resourceId(), record.fingerprint(), record.token(), record.createdAt(),
                record.leaseUntil(), response == null ? null : response.status(),
                response == null ? null : response.body());
    }

    IdempotencyRecord toRecord() {
        return new IdempotencyRecord(subject, key, fingerprint, resourceId, token, createdAt, leaseUntil,
                status == null ? null : new StoredResponse(status, resourceId, body));
    }
}
