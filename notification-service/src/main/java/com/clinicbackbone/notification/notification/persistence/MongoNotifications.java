package com.clinicbackbone.notification.notification.persistence;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.clinicbackbone.events.Envelope;
import com.clinicbackbone.events.NotificationFailed;
import com.clinicbackbone.events.Topics;
import com.clinicbackbone.messaging.Outbox;
import com.clinicbackbone.messaging.OutboxEntry;
import com.clinicbackbone.messaging.OutboxRelay;
import com.clinicbackbone.notification.delivery.ProviderStatus;
import com.clinicbackbone.notification.notification.Notification;
import com.clinicbackbone.notification.notification.NotificationStatus;
import com.clinicbackbone.notification.notification.Notifications;
import com.clinicbackbone.notification.notification.persistence.DueIndex.Due;
import com.clinicbackbone.notification.notification.persistence.DueIndex.Entry;
import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.bulk.BulkWriteUpsert;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateManyModel;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * Notifications in the {@code notifications} collection, one document per notification ({@code _id} = its
 * deterministic id), next to the due buckets that say when each is due ({@link DueIndex}). Every operation of the
 * planner, the dispatcher and the status callbacks is a key lookup: by {@code _id}, {@code _id $in}, or a
 * compare-and-set on a unique compound index whose fields are exactly the filter's (each includes {@code _id}, so
 * it is trivially unique; both the embedded server and MongoDB serve such a filter from the index):
 * <ul>
 * <li>{@code {_id, v}}: every change of a notification increments its version {@code v}; a claim, a completion and
 * a revival are compare-and-sets on the version they read.</li>
 * <li>{@code {_id, status, leaseToken}} and {@code {_id, status}}: a cancellation needs no read: it cancels the
 * notification if it is SCHEDULED and no claim holds it, otherwise (still SCHEDULED, so claimed) it records the
 * cancellation as requested for the claim's holder to settle.</li>
 * <li>{@code {_id, deliveryStage}}: a status callback writes only over the stage it expects.</li>
 * </ul>
 * A claim adds {@code leaseUntil} and {@code leaseToken}. The outcome FAILED puts a {@link NotificationFailed}
 * event into the document's outbox in the same write, for the {@link OutboxRelay} to publish on
 * {@link Topics#NOTIFICATIONS} (it is told the id at once). The screens' queries by appointment or patient use
 * their own (non-unique) indexes.
 */
@Repository
class MongoNotifications implements Notifications {

    static final String COLLECTION = "notifications";
    private static final String VERSION = DueIndex.VERSION;
    private static final String STATUS = "status";
    private static final String LEASE_UNTIL = "leaseUntil";
    private static final String LEASE_TOKEN = "leaseToken";
    /** The reason of a cancellation requested while a claim protected the notification (see {@link #plan}). */
    private static final String CANCEL_REQUESTED = "cancelRequested";
    /** How far the provider's reported status is ({@link ProviderStatus#stage()}): an older one never replaces it. */
    private static final String DELIVERY_STAGE = "deliveryStage";
    private static final String SCHEDULED = NotificationStatus.SCHEDULED.name();
    private static final int MAX_CAS_ATTEMPTS = 5;

    static final String SOURCE = "/notification-service";

    private final MongoOperations mongo;
    private final MongoCollection<Document> collection;
    private final JsonMapper json;
    private final Clock clock;
    private final ObjectProvider<OutboxRelay> relay;
    private final DueIndex due;
    /** The version each claim of this instance left on its notification (for its completion), by token and id. */
    private final Map<String, Object> claimedVersions = new java.util.concurrent.ConcurrentHashMap<>();

    /** For tests: the buckets are read again at every claim. */
    MongoNotifications(MongoOperations mongo, JsonMapper json, Clock clock) {
        this(mongo, json, clock, null, Duration.ZERO);
    }

    /**
     * @param refreshEvery how often the due buckets are read again ({@code notifications.dispatcher.poll-interval}):
     *                     what other instances filed is seen within that time; this instance's own filings at once
     */
    @Autowired
    MongoNotifications(MongoOperations mongo, JsonMapper json, Clock clock, ObjectProvider<OutboxRelay> relay,
                       @Value("${notifications.dispatcher.poll-interval:PT1S}") Duration refreshEvery) {
        this.mongo = mongo;
        this.collection = mongo.getCollection(COLLECTION);
        this.json = json;
        this.clock = clock;
        this.relay = relay;
        this.due = new DueIndex(collection, refreshEvery);
        var indexes = mongo.indexOps(COLLECTION);
        indexes.createIndex(new Index().on("_id", Sort.Direction.ASC).on(VERSION, Sort.Direction.ASC).unique()
                .named("notification_version"));
        indexes.createIndex(new Index().on("_id", Sort.Direction.ASC).on(STATUS, Sort.Direction.ASC)
                .on(LEASE_TOKEN, Sort.Direction.ASC).unique().named("notification_unclaimed"));
        indexes.createIndex(new Index().on("_id", Sort.Direction.ASC).on(STATUS, Sort.Direction.ASC).unique()
                .named("notification_status"));
        indexes.createIndex(new Index().on("_id", Sort.Direction.ASC).on(DELIVERY_STAGE, Sort.Direction.ASC).unique()
                .named("notification_delivery_stage"));
        // a filing writes only into an open due bucket: {_id, closed: null}
        indexes.createIndex(new Index().on("_id", Sort.Direction.ASC).on(DueIndex.CLOSED, Sort.Direction.ASC).unique()
                .named("due_bucket_open"));
        // each start's backfill (DueIndex), the screens and retention: MongoDB's own indexes for rare queries
        indexes.createIndex(new Index().on(STATUS, Sort.Direction.ASC).on("nextAttemptAt", Sort.Direction.ASC));
        indexes.createIndex(new Index().on("appointmentId", Sort.Direction.ASC));
        indexes.createIndex(new Index().on("patientId", Sort.Direction.ASC));
        indexes.createIndex(new Index().on("appointmentStart", Sort.Direction.ASC));
        indexes.createIndex(new Index().on(Outbox.PENDING, Sort.Direction.ASC).sparse());
    }

    /**
     * One bulk write, in order: the due buckets of the SCHEDULED additions, then each cancellation as two keyed
     * statements (cancel it if SCHEDULED and unclaimed; else, if still SCHEDULED, record the request), then each
     * addition as an upsert that only inserts ({@code $setOnInsert}): an existing notification stays as it is.
     * A filing that finds its minute finished meanwhile stops the write before anything else; it is made again
     * ({@link DueIndex#file}).
     */
    @Override
    public List<Notification> plan(List<Cancellation> cancellations, List<Notification> additions) {
        Instant now = clock.instant();
        List<Due> dues = additions.stream().filter(n -> n.status() == NotificationStatus.SCHEDULED)
                .map(n -> new Due(n.id(), n.nextAttemptAt())).toList();
        int[] firstAddition = new int[1];
        BulkWriteResult result = due.file(dues, now, true, entries -> {
            List<WriteModel<Document>> statements = new ArrayList<>(DueIndex.filings(entries));
            statements.addAll(cancellationsOf(cancellations));
            firstAddition[0] = statements.size();
            for (Notification addition : additions) {
                Document document = toDocument(addition);
                document.remove("_id");
                document.put(VERSION, 0);
                statements.add(new UpdateOneModel<>(eq("_id", addition.id()), Updates.setOnInsert(document),
                        new UpdateOptions().upsert(true)));
            }
            return statements;
        });
        if (result == null) {
            return List.of();
        }
        List<Notification> added = new ArrayList<>();
        for (BulkWriteUpsert upsert : result.getUpserts()) {
            if (upsert.getIndex() >= firstAddition[0]) {
                added.add(additions.get(upsert.getIndex() - firstAddition[0]));
            }
        }
        return added;
    }

    private static List<WriteModel<Document>> cancellationsOf(List<Cancellation> cancellations) {
        List<WriteModel<Document>> statements = new ArrayList<>();
        for (Cancellation cancellation : cancellations) {
            statements.add(new UpdateOneModel<>(new Document("_id", cancellation.notificationId())
                    .append(STATUS, SCHEDULED).append(LEASE_TOKEN, null),
                    Updates.combine(Updates.set(STATUS, NotificationStatus.CANCELLED.name()),
                            Updates.set("reason", cancellation.reason()), Updates.unset(CANCEL_REQUESTED),
                            Updates.inc(VERSION, 1))));
            statements.add(new UpdateOneModel<>(new Document("_id", cancellation.notificationId())
                    .append(STATUS, SCHEDULED),
                    Updates.combine(Updates.set(CANCEL_REQUESTED, cancellation.reason()), Updates.inc(VERSION, 1))));
        }
        return statements;
    }

    /**
     * One read by {@code _id $in}, then one bulk write: each one CANCELLED for the reason is filed again (its bucket
     * first) and made SCHEDULED by a compare-and-set on its version; a request for that cancellation still on a
     * claimed one is withdrawn the same way.
     */
    @Override
    public void rescheduleCancelled(Collection<String> notificationIds, String reason) {
        if (notificationIds.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        List<Due> dues = new ArrayList<>();
        List<WriteModel<Document>> changes = new ArrayList<>();
        for (Document document : collection.find(in("_id", notificationIds))) {
            Bson unchanged = new Document("_id", document.get("_id")).append(VERSION, document.get(VERSION));
            String status = document.getString(STATUS);
            if (NotificationStatus.CANCELLED.name().equals(status) && reason.equals(document.getString("reason"))) {
                Date next = document.getDate("nextAttemptAt");
                dues.add(new Due(document.getString("_id"), next == null ? now : next.toInstant()));
                changes.add(new UpdateOneModel<>(unchanged, Updates.combine(Updates.set(STATUS, SCHEDULED),
                        Updates.set("reason", null), Updates.unset(LEASE_UNTIL), Updates.unset(LEASE_TOKEN),
                        Updates.inc(VERSION, 1))));
            } else if (SCHEDULED.equals(status) && reason.equals(document.getString(CANCEL_REQUESTED))) {
                changes.add(new UpdateOneModel<>(unchanged, Updates.combine(Updates.unset(CANCEL_REQUESTED),
                        Updates.inc(VERSION, 1))));
            }
        }
        due.file(dues, now, true, entries -> {
            List<WriteModel<Document>> statements = new ArrayList<>(DueIndex.filings(entries));
            statements.addAll(changes);
            return statements;
        });
    }

    @Override
    public void reassignPatient(Collection<String> notificationIds, String toPatientId) {
        if (!notificationIds.isEmpty()) {
            collection.bulkWrite(List.of(new UpdateManyModel<>(in("_id", notificationIds),
                    Updates.set("patientId", toPatientId))));
        }
    }

    /**
     * The due entries this instance knows (the buckets, read again at most every {@code refreshEvery}); their
     * notifications read by {@code _id $in}; those SCHEDULED, due and unclaimed (or under a lapsed claim) claimed
     * with one bulk write of compare-and-sets on {@code {_id, v}}; read again only when another instance won some.
     * Entries whose notification is no longer due at their time are pruned from their buckets.
     */
    @Override
    public List<Claim> claimDue(Instant now, Duration lease, String holder, int max) {
        due.refreshIfStale(now);
        due.flushPrunes();
        List<Entry> candidates = due.candidates(now, holder, max);
        if (candidates.isEmpty()) {
            return List.of();
        }
        try {
            return claim(candidates, now, lease, holder, max);
        } finally {
            due.unreserve(candidates);
        }
    }

    private List<Claim> claim(List<Entry> candidates, Instant now, Duration lease, String holder, int max) {
        Map<String, Document> current = byId(candidates.stream().map(Entry::notificationId).toList());
        List<Entry> chosen = new ArrayList<>();
        for (Entry entry : candidates) {
            Document document = current.get(entry.notificationId());
            if (chosen.size() >= max) {
                break;
            }
            if (document == null) {
                due.missing(entry, now);
                continue;
            }
            Date next = document.getDate("nextAttemptAt");
            if (!SCHEDULED.equals(document.getString(STATUS)) || next != null && next.toInstant().isAfter(now)) {
                due.resolved(entry); // done, or filed again for a later time
                continue;
            }
            Date leaseUntil = document.getDate(LEASE_UNTIL);
            if (leaseUntil != null && !leaseUntil.toInstant().isBefore(now)) {
                due.setAside(entry, leaseUntil.toInstant());
                continue;
            }
            chosen.add(entry);
        }
        if (chosen.isEmpty()) {
            return List.of();
        }
        String token = holder + "/" + UUID.randomUUID();
        Date until = Date.from(now.plus(lease));
        List<WriteModel<Document>> claims = chosen.stream().<WriteModel<Document>>map(entry -> new UpdateOneModel<>(
                new Document("_id", entry.notificationId()).append(VERSION, current.get(entry.notificationId())
                        .get(VERSION)),
                Updates.combine(Updates.set(LEASE_UNTIL, until), Updates.set(LEASE_TOKEN, token),
                        Updates.inc(VERSION, 1)))).toList();
        int won = collection.bulkWrite(claims, new BulkWriteOptions().ordered(false)).getModifiedCount();
        Map<String, Document> after = won == chosen.size() ? null
                : byId(chosen.stream().map(Entry::notificationId).toList());
        List<Claim> claimed = new ArrayList<>();
        for (Entry entry : chosen) {
            Document before = current.get(entry.notificationId());
            Object version;
            if (after == null) {
                version = before.get(VERSION) instanceof Number number ? number.longValue() + 1 : 1L;
            } else {
                Document won2 = after.get(entry.notificationId());
                if (won2 == null || !token.equals(won2.getString(LEASE_TOKEN))) {
                    continue; // another instance won it
                }
                version = won2.get(VERSION);
                before = won2;
            }
            claimedVersions.put(claimKey(token, entry.notificationId()), version);
            due.claimed(entry, token, until.toInstant());
            claimed.add(new Claim(read(before), token, current.get(entry.notificationId()).getString(LEASE_TOKEN) != null,
                    before.getString(CANCEL_REQUESTED)));
        }
        return claimed;
    }

    @Override
    public Optional<Instant> nextDue() {
        return due.nextDue(clock.instant());
    }

    /** One bulk write: each claim's lease dropped where the claim still holds it ({@code {_id, status, leaseToken}}). */
    @Override
    public void release(List<Claim> claims) {
        if (claims.isEmpty()) {
            return;
        }
        collection.bulkWrite(claims.stream().<WriteModel<Document>>map(claim -> new UpdateOneModel<>(
                new Document("_id", claim.notification().id()).append(STATUS, SCHEDULED)
                        .append(LEASE_TOKEN, claim.token()),
                Updates.combine(Updates.unset(LEASE_UNTIL), Updates.unset(LEASE_TOKEN), Updates.inc(VERSION, 1))))
                .toList(), new BulkWriteOptions().ordered(false));
        claims.forEach(claim -> {
            claimedVersions.remove(claimKey(claim.token(), claim.notification().id()));
            due.released(claim.notification().id(), claim.token(), false);
        });
    }

    /**
     * One compare-and-set on the version the claim left; an outcome still SCHEDULED is filed under its next
     * attempt first (one more write). When the version moved (a cancellation was requested, or another instance
     * took the notification over), the notification is read and, if the claim still holds it, the outcome (settled
     * with the requested cancellation) is written on the version read.
     */
    @Override
    public boolean complete(Claim claim, Notification outcome) {
        String id = outcome.id();
        Object version = claimedVersions.remove(claimKey(claim.token(), id));
        try {
            if (outcome.status() == NotificationStatus.SCHEDULED) {
                due.file(List.of(new Due(id, outcome.nextAttemptAt())), clock.instant(), true, DueIndex::filings);
            }
            if (version != null && write(id, version, outcome, false)) {
                due.released(id, claim.token(), true);
                return true;
            }
            for (int attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt++) {
                Document current = collection.find(eq("_id", id)).first();
                if (current == null || !claim.token().equals(current.getString(LEASE_TOKEN))
                        || !SCHEDULED.equals(current.getString(STATUS))) {
                    due.released(id, claim.token(), false);
                    return false;
                }
                String cancelReason = current.getString(CANCEL_REQUESTED);
                Notification settled = cancelReason == null ? outcome : outcome.settledWithCancellation(cancelReason);
                if (write(id, current.get(VERSION), settled, true)) {
                    due.released(id, claim.token(), true);
                    return true;
                }
            }
            due.released(id, claim.token(), false);
            return false;
        } catch (RuntimeException e) {
            due.released(id, claim.token(), false);
            throw e;
        }
    }

    private boolean write(String id, Object version, Notification outcome, boolean clearRequest) {
        Bson update = outcomeUpdate(outcome);
        if (clearRequest) {
            update = Updates.combine(update, Updates.unset(CANCEL_REQUESTED));
        }
        boolean written = collection.updateOne(new Document("_id", id).append(VERSION, version), update)
                .getMatchedCount() == 1;
        if (written && relay != null && outcome.status() == NotificationStatus.FAILED && outcome.failure() != null) {
            relay.ifAvailable(outboxRelay -> outboxRelay.nudge(COLLECTION, id));
        }
        return written;
    }

    private Bson outcomeUpdate(Notification outcome) {
        List<Bson> updates = new ArrayList<>(List.of(
                Updates.set(STATUS, outcome.status().name()),
                Updates.set("sentAt", toDate(outcome.sentAt())),
                Updates.set("reason", outcome.reason()),
                Updates.set("attempts", outcome.attempts()),
                Updates.set("providerMessageId", outcome.providerMessageId()),
                Updates.set("nextAttemptAt", toDate(outcome.nextAttemptAt())),
                Updates.unset(LEASE_UNTIL),
                Updates.unset(LEASE_TOKEN),
                Updates.inc(VERSION, 1)));
        if (outcome.status() == NotificationStatus.FAILED && outcome.failure() != null) {
            Document entry = new Document();
            mongo.getConverter().write(failedEvent(outcome), entry);
            entry.remove("_class");
            updates.add(Updates.set("failure", new Document("code", outcome.failure().code())
                    .append("providerErrorCode", outcome.failure().providerErrorCode())));
            updates.add(Updates.push(Outbox.ENTRIES, entry));
            updates.add(Updates.set(Outbox.PENDING, true));
        }
        return Updates.combine(updates);
    }

    @Override
    public List<Notification> find(String appointmentId, String patientId) {
        Criteria criteria = where("kind").exists(true);
        if (appointmentId != null) {
            criteria = criteria.and("appointmentId").is(appointmentId);
        }
        if (patientId != null) {
            criteria = criteria.and("patientId").is(patientId);
        }
        return mongo.find(query(criteria).with(Sort.by("dueAt", "_id")), Notification.class, COLLECTION);
    }

    @Override
    public List<Notification> findAll(Collection<String> notificationIds) {
        if (notificationIds.isEmpty()) {
            return List.of();
        }
        return byId(notificationIds).values().stream().map(this::read).toList();
    }

    /**
     * One {@code findAndModify} on {@code {_id, deliveryStage}} with the stage expected (the notification's stage
     * normally equals the delivery log's before the callback); only when it differs, one read and a second try.
     */
    @Override
    public Optional<Notification> recordDeliveryStatus(String notificationId, ProviderStatus expected,
                                                       ProviderStatus deliveryStatus, Instant at) {
        List<Bson> updates = new ArrayList<>(List.of(Updates.set("deliveryStatus", deliveryStatus.value()),
                Updates.set(DELIVERY_STAGE, deliveryStatus.stage())));
        if (deliveryStatus == ProviderStatus.DELIVERED) {
            updates.add(Updates.set("deliveredAt", Date.from(at)));
        }
        Integer stage = expected == null ? null : expected.stage();
        for (int attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt++) {
            if (stage != null && stage > deliveryStatus.stage()) {
                return Optional.empty();
            }
            Document before = collection.findOneAndUpdate(new Document("_id", notificationId)
                            .append(DELIVERY_STAGE, stage), Updates.combine(updates),
                    new FindOneAndUpdateOptions().returnDocument(ReturnDocument.BEFORE));
            if (before != null) {
                return Optional.of(read(before));
            }
            Document current = collection.find(eq("_id", notificationId)).first();
            if (current == null) {
                return Optional.empty();
            }
            stage = current.getInteger(DELIVERY_STAGE);
        }
        return Optional.empty();
    }

    /**
     * The SCHEDULED notifications due before {@code before}: the candidates from the due buckets (no search), read by
     * {@code _id $in} to leave out those done or due later.
     */
    @Override
    public long countOverdue(Instant before) {
        due.refreshIfStale(clock.instant());
        List<String> ids = List.copyOf(due.dueBefore(before));
        long overdue = 0;
        for (int from = 0; from < ids.size(); from += 1000) {
            for (Document document : collection.find(in("_id", ids.subList(from, Math.min(ids.size(), from + 1000))))
                    .projection(new Document(STATUS, 1).append("nextAttemptAt", 1))) {
                Date next = document.getDate("nextAttemptAt");
                if (SCHEDULED.equals(document.getString(STATUS)) && next != null && next.toInstant().isBefore(before)) {
                    overdue++;
                }
            }
        }
        return overdue;
    }

    private static String claimKey(String token, String notificationId) {
        return token + " " + notificationId;
    }

    private Map<String, Document> byId(Collection<String> ids) {
        Map<String, Document> found = new HashMap<>();
        collection.find(in("_id", List.copyOf(ids))).forEach(document -> found.put(document.getString("_id"), document));
        return found;
    }

    private Notification read(Document document) {
        // a document written by hand (an operator, a test) may lack the counters: they start at zero
        document.putIfAbsent("attempts", 0);
        document.putIfAbsent("appointmentRevision", 0L);
        return mongo.getConverter().read(Notification.class, document);
    }

    private Document toDocument(Notification notification) {
        Document document = new Document();
        mongo.getConverter().write(notification, document);
        document.remove("_class");
        return document;
    }

    private OutboxEntry failedEvent(Notification failed) {
        var event = new NotificationFailed(failed.id(), failed.appointmentId(), failed.patientId(),
                failed.clinicId(), failed.kind().name(), failed.channel().name(), failed.failure().code(),
                failed.failure().providerErrorCode(), failed.attempts());
        return OutboxEntry.of(Topics.NOTIFICATIONS, Envelope.of(NotificationFailed.TYPE, SOURCE, clock.instant(),
                failed.id(), failed.clinicId(), failed.attempts()), json.writeValueAsString(event));
    }

    private static Date toDate(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }
}
