package com.clinicbackbone.messaging;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Update;

/**
 * The leases of the relay instances publishing one group of collections: one document
 * {@code outbox_writers/<collections>} holding {@code instances: {<instanceId>: leaseUntil}} and a {@code version}.
 * Each instance renews its own lease with one keyed write every few seconds, and that write returns the whole
 * document, so the same round trip shows which other instance stopped renewing (it died). The first instance to
 * remove a lapsed lease (a compare-and-set on {@code {_id, version}}, a unique key) recovers what that instance left
 * behind. An instance that stops cleanly with nothing left to publish removes its own lease (and puts it back, lapsed,
 * when a document is named after that).
 */
final class OutboxWriters {

    static final String COLLECTION = "outbox_writers";
    private static final String INSTANCES = "instances";
    private static final String VERSION = "version";

    private final MongoOperations mongo;
    private final String group;
    private final String instanceId;
    private final Clock clock;
    private final Duration lease;
    private volatile boolean indexed;

    OutboxWriters(MongoOperations mongo, List<String> collections, String instanceId, Clock clock, Duration lease) {
        this.mongo = mongo;
        this.group = String.join(",", collections);
        this.instanceId = instanceId;
        this.clock = clock;
        this.lease = lease;
    }

    String group() {
        return group;
    }

    /**
     * Renews this instance's lease and takes over the instances whose lease lapsed: returns their ids when this
     * instance removed them (it must now recover their work), or an empty list.
     */
    List<String> renewAndTakeOverLapsed() {
        ensureIndex();
        Instant now = clock.instant();
        Document writers = renew(now);
        Document instances = writers.get(INSTANCES, Document.class);
        List<String> lapsed = instances == null ? List.of() : instances.entrySet().stream()
                .filter(instance -> !instance.getKey().equals(instanceId))
                .filter(instance -> !(instance.getValue() instanceof Date until) || until.toInstant().isBefore(now))
                .map(Map.Entry::getKey)
                .toList();
        if (lapsed.isEmpty()) {
            return List.of();
        }
        Update takeOver = new Update().inc(VERSION, 1);
        lapsed.forEach(instance -> takeOver.unset(INSTANCES + "." + instance));
        var unchanged = query(where("_id").is(group).and(VERSION).is(writers.get(VERSION)));
        return mongo.updateFirst(unchanged, takeOver, COLLECTION).getMatchedCount() == 1 ? lapsed : List.of();
    }

    private Document renew(Instant now) {
        var renewal = new Update().set(INSTANCES + "." + instanceId, Date.from(now.plus(lease))).inc(VERSION, 1);
        var options = FindAndModifyOptions.options().upsert(true).returnNew(true);
        try {
            return mongo.findAndModify(query(where("_id").is(group)), renewal, options, Document.class, COLLECTION);
        } catch (DuplicateKeyException e) {
            // another instance created the document at the same moment: it exists now
            return mongo.findAndModify(query(where("_id").is(group)), renewal, options, Document.class, COLLECTION);
        }
    }

    /** Removes this instance's lease: it stopped and left nothing to publish. */
    void leave() {
        mongo.updateFirst(query(where("_id").is(group)),
                new Update().unset(INSTANCES + "." + instanceId).inc(VERSION, 1), COLLECTION);
    }

    /**
     * Puts this instance's lease back as already lapsed: it stopped, but a document was named after that. The next
     * surviving instance to renew its own lease takes this one over and recovers what was left. Lapsed since the
     * epoch, so on every instance's clock.
     */
    void lapse() {
        mongo.upsert(query(where("_id").is(group)),
                new Update().set(INSTANCES + "." + instanceId, Date.from(Instant.EPOCH)).inc(VERSION, 1), COLLECTION);
    }

    private void ensureIndex() {
        if (!indexed) {
            mongo.indexOps(COLLECTION).createIndex(new Index().on("_id", Sort.Direction.ASC)
                    .on(VERSION, Sort.Direction.ASC).unique().named("writers_version"));
            indexed = true;
        }
    }
}
