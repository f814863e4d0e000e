package com.clinicbackbone.notification.notification.persistence;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.clinicbackbone.events.Envelope;
import com.clinicbackbone.events.NotificationFailed;
import com.clinicbackbone.events.Topics;
import com.clinicbackbone.messaging.Outbox;
import com.clinicbackbone.messaging.OutboxEntry;
import com.clinicbackbone.notification.delivery.ProviderStatus;
import com.clinicbackbone.notification.notification.Notification;
import com.clinicbackbone.notification.notification.NotificationKind;
import com.clinicbackbone.notification.notification.NotificationStatus;
import com.clinicbackbone.notification.notification.Notifications;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * Notifications in the {@code notifications} collection, one document per notification ({@code _id} = its
 * deterministic id). A claim adds {@code leaseUntil} and {@code leaseToken} to the document. The outcome FAILED
 * puts a {@link NotificationFailed} event into the document's outbox in the same write, for the
 * {@link com.clinicbackbone.messaging.OutboxRelay} to publish on {@link Topics#NOTIFICATIONS}.
 */
@Repository
class MongoNotifications implements Notifications {

    static final String COLLECTION = "notifications";
    private static final String LEASE_UNTIL = "leaseUntil";
    private static final String LEASE_TOKEN = "leaseToken";
    /** The reason of a cancellation requested while a claim protected the notification (see {@link #cancel}). */
    private static final String CANCEL_REQUESTED = "cancelRequested";
    /** How far the provider's reported status is ({@link ProviderStatus#stage()}): an older one never replaces it. */
    private static final String DELIVERY_STAGE = "deliveryStage";

    static final String SOURCE = "/notification-service";

    private final MongoOperations mongo;
    private final JsonMapper json;
    private final Clock clock;

    MongoNotifications(MongoOperations mongo, JsonMapper json, Clock clock) {
        this.mongo = mongo;
        this.json = json;
        this.clock = clock;
        var indexes = mongo.indexOps(COLLECTION);
        indexes.createIndex(new Index().on("status", Sort.Direction.ASC).on("nextAttemptAt", Sort.Direction.ASC));
        indexes.createIndex(new Index().on("appointmentId", Sort.Direction.ASC));
        indexes.createIndex(new Index().on("patientId", Sort.Direction.ASC));
        indexes.createIndex(new Index().on("providerMessageId", Sort.Direction.ASC).sparse());
        indexes.createIndex(new Index().on(Outbox.PENDING, Sort.Direction.ASC).sparse());
    }

    @Override
    public boolean addIfAbsent(Notification notification) {
        try {
            mongo.insert(notification, COLLECTION);
            return true;
        } catch (DuplicateKeyException alreadyThere) {
            // created by an earlier delivery of the same event: nothing to do
            return false;
        }
    }

    @Override
    public void cancelScheduledReminders(String appointmentId, String reason) {
        cancel(() -> where("appointmentId").is(appointmentId).and("kind").is(NotificationKind.REMINDER.name()),
                reason);
    }

    @Override
    public void cancelScheduledPlannedBefore(String appointmentId, NotificationKind kind, long revision,
                                             String reason) {
        cancel(() -> where("appointmentId").is(appointmentId).and("kind").is(kind.name())
                .and("appointmentRevision").lt(revision), reason);
    }

    @Override
    public void cancelScheduledOf(String patientId, String reason) {
        cancel(() -> where("patientId").is(patientId), reason);
    }

    /**
     * First every matching SCHEDULED notification gets the request, then those no claim protects become CANCELLED.
     * In that order no race can lose the cancellation: one claimed in between, or under a claim at the second
     * step, carries the request, and its holder's {@link #complete} (or, should it stop, the next holder's)
     * settles it.
     */
    private void cancel(Supplier<Criteria> which, String reason) {
        mongo.updateMulti(query(which.get().and("status").is(NotificationStatus.SCHEDULED.name())),
                new Update().set(CANCEL_REQUESTED, reason), COLLECTION);
        Date now = Date.from(clock.instant());
        mongo.updateMulti(query(which.get().and("status").is(NotificationStatus.SCHEDULED.name())
                        .and(CANCEL_REQUESTED).is(reason)
                        .orOperator(where(LEASE_UNTIL).is(null), where(LEASE_UNTIL).lt(now))),
                new Update().set("status", NotificationStatus.CANCELLED.name()).set("reason", reason)
                        .unset(CANCEL_REQUESTED),
                COLLECTION);
    }

    @Override
    public void rescheduleCancelledOf(String patientId, String reason) {
        mongo.updateMulti(query(where("patientId").is(patientId)
                        .and("status").is(NotificationStatus.CANCELLED.name()).and("reason").is(reason)),
                new Update().set("status", NotificationStatus.SCHEDULED.name()).set("reason", null)
                        .unset(LEASE_UNTIL).unset(LEASE_TOKEN),
                COLLECTION);
        mongo.updateMulti(query(where("patientId").is(patientId)
                        .and("status").is(NotificationStatus.SCHEDULED.name()).and(CANCEL_REQUESTED).is(reason)),
                new Update().unset(CANCEL_REQUESTED), COLLECTION);
    }

    @Override
    public void reassignPatient(String fromPatientId, String toPatientId) {
        mongo.updateMulti(query(where("patientId").is(fromPatientId)), new Update().set("patientId", toPatientId),
                COLLECTION);
    }

    @Override
    public Optional<Claim> claimNextDue(Instant now, Duration lease, String holder) {
        Query due = dueAt(now);
        String token = holder + "/" + UUID.randomUUID();
        Update claim = new Update().set(LEASE_UNTIL, Date.from(now.plus(lease))).set(LEASE_TOKEN, token);
        // the document as it was before the claim: an earlier lease token means an earlier claim never ended
        Document before = mongo.findAndModify(due, claim, FindAndModifyOptions.options().returnNew(false),
                Document.class, COLLECTION);
        return Optional.ofNullable(before).map(document -> new Claim(
                mongo.getConverter().read(Notification.class, document), token,
                document.getString(LEASE_TOKEN) != null, document.getString(CANCEL_REQUESTED)));
    }

    /**
     * Three round trips for the whole batch: one search for the earliest {@code max} due notifications (ids and
     * earlier lease tokens), one conditional update that puts the batch's lease on those still free, and one read
     * by id of what it claimed. Another instance may claim some of them between the steps; those are simply not
     * in the answer. A notification that had a lease token before is taken over: its previous claim never ended.
     */
    @Override
    public List<Claim> claimDue(Instant now, Duration lease, String holder, int max) {
        Query due = dueAt(now).limit(max);
        due.fields().include("_id").include(LEASE_TOKEN);
        List<Document> candidates = mongo.find(due, Document.class, COLLECTION);
        if (candidates.isEmpty()) {
            return List.of();
        }
        List<Object> ids = candidates.stream().map(candidate -> candidate.get("_id")).toList();
        Date at = Date.from(now);
        String token = holder + "/" + UUID.randomUUID();
        long claimed = mongo.updateMulti(query(where("_id").in(ids)
                        .and("status").is(NotificationStatus.SCHEDULED.name()).and("nextAttemptAt").lte(at)
                        .orOperator(where(LEASE_UNTIL).is(null), where(LEASE_UNTIL).lt(at))),
                new Update().set(LEASE_UNTIL, Date.from(now.plus(lease))).set(LEASE_TOKEN, token), COLLECTION)
                .getModifiedCount();
        if (claimed == 0) {
            return List.of();
        }
        Map<Object, Document> byId = new HashMap<>();
        mongo.find(query(where("_id").in(ids)), Document.class, COLLECTION)
                .forEach(document -> byId.put(document.get("_id"), document));
        List<Claim> claims = new ArrayList<>();
        for (Document candidate : candidates) {
            Document document = byId.get(candidate.get("_id"));
            if (document != null && token.equals(document.getString(LEASE_TOKEN))) {
                claims.add(new Claim(mongo.getConverter().read(Notification.class, document), token,
                        candidate.getString(LEASE_TOKEN) != null, document.getString(CANCEL_REQUESTED)));
            }
        }
        return claims;
    }

    private static Query dueAt(Instant now) {
        Date at = Date.from(now);
        return query(where("status").is(NotificationStatus.SCHEDULED.name()).and("nextAttemptAt").lte(at)
                .orOperator(where(LEASE_UNTIL).is(null), where(LEASE_UNTIL).lt(at)))
                .with(Sort.by("nextAttemptAt"));
    }

    @Override
    public void release(List<Claim> claims) {
        for (String token : claims.stream().map(Claim::token).distinct().toList()) {
            List<String> ids = claims.stream().filter(claim -> claim.token().equals(token))
                    .map(claim -> claim.notification().id()).toList();
            mongo.updateMulti(query(where("_id").in(ids).and(LEASE_TOKEN).is(token)
                            .and("status").is(NotificationStatus.SCHEDULED.name())),
                    new Update().unset(LEASE_UNTIL).unset(LEASE_TOKEN), COLLECTION);
        }
    }

    @Override
    public boolean complete(Claim claim, Notification outcome) {
        if (mongo.updateFirst(query(where("_id").is(outcome.id()).and(LEASE_TOKEN).is(claim.token())
                        .and("status").is(NotificationStatus.SCHEDULED.name()).and(CANCEL_REQUESTED).exists(false)),
                outcomeUpdate(outcome), COLLECTION).getModifiedCount() > 0) {
            return true;
        }
        // a cancellation was requested while it was being handled (or the claim was lost): settle it
        Document current = mongo.findById(outcome.id(), Document.class, COLLECTION);
        String cancelReason = current == null ? null : current.getString(CANCEL_REQUESTED);
        if (cancelReason == null) {
            return false;
        }
        Notification settled = outcome.settledWithCancellation(cancelReason);
        return mongo.updateFirst(query(where("_id").is(outcome.id()).and(LEASE_TOKEN).is(claim.token())
                        .and("status").is(NotificationStatus.SCHEDULED.name()).and(CANCEL_REQUESTED).is(cancelReason)),
                outcomeUpdate(settled).unset(CANCEL_REQUESTED), COLLECTION).getModifiedCount() > 0;
    }

    private Update outcomeUpdate(Notification outcome) {
        Update update = new Update()
                .set("status", outcome.status().name())
                .set("sentAt", toDate(outcome.sentAt()))
                .set("reason", outcome.reason())
                .set("attempts", outcome.attempts())
                .set("providerMessageId", outcome.providerMessageId())
                .set("nextAttemptAt", toDate(outcome.nextAttemptAt()))
                .unset(LEASE_UNTIL)
                .unset(LEASE_TOKEN);
        if (outcome.status() == NotificationStatus.FAILED && outcome.failure() != null) {
            update.set("failure", new Document("code", outcome.failure().code())
                            .append("providerErrorCode", outcome.failure().providerErrorCode()))
                    .push(Outbox.ENTRIES, failedEvent(outcome))
                    .set(Outbox.PENDING, true);
        }
        return update;
    }

    @Override
    public List<Notification> find(String appointmentId, String patientId) {
        Criteria criteria = new Criteria();
        if (appointmentId != null) {
            criteria = criteria.and("appointmentId").is(appointmentId);
        }
        if (patientId != null) {
            criteria = criteria.and("patientId").is(patientId);
        }
        return mongo.find(query(criteria).with(Sort.by("dueAt", "_id")), Notification.class, COLLECTION);
    }

    @Override
    public boolean recordDeliveryStatus(String providerMessageId, ProviderStatus deliveryStatus, Instant at) {
        Update update = new Update().set("deliveryStatus", deliveryStatus.value())
                .set(DELIVERY_STAGE, deliveryStatus.stage());
        if (deliveryStatus == ProviderStatus.DELIVERED) {
            update.set("deliveredAt", Date.from(at));
        }
        return mongo.updateFirst(query(where("providerMessageId").is(providerMessageId)
                        .orOperator(where(DELIVERY_STAGE).is(null), where(DELIVERY_STAGE).lte(deliveryStatus.stage()))),
                update, COLLECTION).getMatchedCount() > 0;
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
