package com.clinicbackbone.booking.idempotency.persistence;

import com.clinicbackbone.booking.idempotency.IdempotencyRecord;
import com.clinicbackbone.booking.idempotency.StoredResponse;
import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One caller's idempotency key ({@code _id} = the resource id chosen for the request, unique anyway); status and
 * body stay null until the request has its answer.
 */
@Document(MongoIdempotencyKeys.COLLECTION)
record IdempotencyKeyDocument(@Id String id, String subject, String key, String fingerprint, String token,
                              Instant createdAt, Instant leaseUntil, Integer status, String body) {

    static IdempotencyKeyDocument of(IdempotencyRecord record) {
        StoredResponse response = record.response();
        return new IdempotencyKeyDocument(record.resourceId(), record.subject(), record.key(), record.fingerprint(),
                record.token(), record.createdAt(), record.leaseUntil(), response == null ? null : response.status(),
                response == null ? null : response.body());
    }

    IdempotencyRecord toRecord() {
        return new IdempotencyRecord(subject, key, fingerprint, id, token, createdAt, leaseUntil,
                status == null ? null : new StoredResponse(status, id, body));
    }
}
