package com.clinicbackbone.booking.idempotency;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Idempotency keys in memory, unique per subject and key; can be told to fail the next completion. */
public class InMemoryIdempotencyKeys implements IdempotencyKeys {

    private final Map<String, IdempotencyRecord> records = new ConcurrentHashMap<>();
    private volatile boolean failNextCompletion;

    @Override
    public synchronized Optional<IdempotencyRecord> insertIfAbsent(IdempotencyRecord record) {
        return Optional.ofNullable(records.putIfAbsent(id(record.subject(), record.key()), record));
    }

    @Override
    public synchronized boolean takeOver(String subject, String key, String expiredToken, String newToken,
                                         String resourceId, Instant leaseUntil) {
        IdempotencyRecord found = records.get(id(subject, key));
        if (found == null || found.isFinished() || !found.token().equals(expiredToken)) {
            return false;
        }
        records.put(id(subject, key), new IdempotencyRecord(subject, key, found.fingerprint(), resourceId,
                newToken, found.createdAt(), leaseUntil, null));
        return true;
    }

    @Override
    public synchronized void complete(String subject, String key, String token, StoredResponse response) {
        if (failNextCompletion) {
            failNextCompletion = false;
            throw new IllegalStateException("database down");
        }
        records.computeIfPresent(id(subject, key), (id, found) -> found.token().equals(token)
                ? new IdempotencyRecord(subject, key, found.fingerprint(), found.resourceId(), token,
                found.createdAt(), found.leaseUntil(), response)
                : found);
    }

    @Override
    public synchronized void remove(String subject, String key, String token) {
        records.computeIfPresent(id(subject, key), (id, found) -> found.token().equals(token) ? null : found);
    }

    @Override
    public synchronized int removeCreatedBefore(Instant instant, int limit) {
        var old = records.entrySet().stream().filter(it -> it.getValue().createdAt().isBefore(instant)).limit(limit)
                .map(Map.Entry::getKey).toList();
        old.forEach(records::remove);
        return old.size();
    }

    public Optional<IdempotencyRecord> find(String subject, String key) {
        return Optional.ofNullable(records.get(id(subject, key)));
    }

    public void put(IdempotencyRecord record) {
        records.put(id(record.subject(), record.key()), record);
    }

    public void failNextCompletion() {
        failNextCompletion = true;
    }

    public void clear() {
        records.clear();
    }

    private static String id(String subject, String key) {
        return subject + "\u0000" + key;
    }
}
