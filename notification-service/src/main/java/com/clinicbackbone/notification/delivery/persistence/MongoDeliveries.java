package com.clinicbackbone.notification.delivery.persistence;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.clinicbackbone.notification.contact.Channel;
import com.clinicbackbone.notification.delivery.Deliveries;
import com.clinicbackbone.notification.delivery.Delivery;
import com.clinicbackbone.notification.delivery.DeliveryStatus;
import com.clinicbackbone.notification.delivery.ProviderStatus;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * The delivery log in the {@code deliveries} collection: {@code _id} is the notification id, so MongoDB's unique
 * {@code _id} index is the log's unique key and a second insert fails with a duplicate key. Every later write is
 * conditional on the status and attempt it expects, so a slow or revived instance cannot overwrite a newer state.
 */
@Repository
class MongoDeliveries implements Deliveries {

    static final String COLLECTION = "deliveries";
    private static final String STATUS = "status";
    private static final String ATTEMPTS = "attempts";
    private static final String PROVIDER_MESSAGE_ID = "providerMessageId";
    private static final String PROVIDER_STAGE = "providerStage";

    private final MongoOperations mongo;

    MongoDeliveries(MongoOperations mongo) {
        this.mongo = mongo;
        mongo.indexOps(COLLECTION).createIndex(new Index().on(PROVIDER_MESSAGE_ID, Sort.Direction.ASC).sparse());
    }

    @Override
    public Start begin(String notificationId, Channel channel, String instanceId, Instant at) {
        try {
            mongo.insert(new Document("_id", notificationId).append("channel", channel.name())
                    .append(STATUS, DeliveryStatus.SENDING.name()).append("instanceId", instanceId)
                    .append(ATTEMPTS, 1).append("startedAt", Date.from(at)).append("updatedAt", Date.from(at)),
                    COLLECTION);
            return Start.go(1);
        } catch (DuplicateKeyException alreadyLogged) {
            // sent, being sent, failed or unknown: not ours to send; or RETRY: the next attempt may be ours
        }
        Document next = mongo.findAndModify(query(where("_id").is(notificationId)
                        .and(STATUS).is(DeliveryStatus.RETRY.name())),
                new Update().set(STATUS, DeliveryStatus.SENDING.name()).set("instanceId", instanceId)
                        .inc(ATTEMPTS, 1).set("updatedAt", Date.from(at)),
                FindAndModifyOptions.options().returnNew(true), Document.class, COLLECTION);
        if (next != null) {
            return Start.go(next.getInteger(ATTEMPTS));
        }
        return find(notificationId).map(Start::taken)
                .orElseThrow(() -> new IllegalStateException("delivery " + notificationId + " vanished"));
    }

    @Override
    public void sent(String notificationId, int attempt, String providerMessageId, Instant at) {
        // UNKNOWN too: an instance marked it while this one was merely slow; the provider's answer is the truth
        outcome(notificationId, attempt, List.of(DeliveryStatus.SENDING, DeliveryStatus.UNKNOWN),
                new Update().set(STATUS, DeliveryStatus.SENT.name()).set(PROVIDER_MESSAGE_ID, providerMessageId)
                        .set("reason", null).set("updatedAt", Date.from(at)));
    }

    @Override
    public void retry(String notificationId, int attempt, String reason, Instant at) {
        outcome(notificationId, attempt, List.of(DeliveryStatus.SENDING),
                new Update().set(STATUS, DeliveryStatus.RETRY.name()).set("reason", reason)
                        .set("updatedAt", Date.from(at)));
    }

    @Override
    public void failed(String notificationId, int attempt, String reason, Instant at) {
        outcome(notificationId, attempt, List.of(DeliveryStatus.SENDING, DeliveryStatus.UNKNOWN),
                new Update().set(STATUS, DeliveryStatus.FAILED.name()).set("reason", reason)
                        .set("updatedAt", Date.from(at)));
    }

    @Override
    public Optional<Delivery> markUnknown(String notificationId, int attempt, String reason, Instant at) {
        outcome(notificationId, attempt, List.of(DeliveryStatus.SENDING),
                new Update().set(STATUS, DeliveryStatus.UNKNOWN.name()).set("reason", reason)
                        .set("updatedAt", Date.from(at)));
        return find(notificationId);
    }

    private void outcome(String notificationId, int attempt, List<DeliveryStatus> from, Update update) {
        mongo.updateFirst(query(where("_id").is(notificationId).and(ATTEMPTS).is(attempt)
                .and(STATUS).in(from.stream().map(Enum::name).toList())), update, COLLECTION);
    }

    @Override
    public Optional<Delivery> recordProviderStatus(String providerMessageId, ProviderStatus status, String errorCode,
                                                   Instant at) {
        Query notLater = query(where(PROVIDER_MESSAGE_ID).is(providerMessageId)
                .orOperator(where(PROVIDER_STAGE).is(null), where(PROVIDER_STAGE).lte(status.stage())));
        Document updated = mongo.findAndModify(notLater, new Update().set("providerStatus", status.name())
                        .set(PROVIDER_STAGE, status.stage()).set("providerErrorCode", errorCode)
                        .set("updatedAt", Date.from(at)),
                FindAndModifyOptions.options().returnNew(true), Document.class, COLLECTION);
        return Optional.ofNullable(updated).map(MongoDeliveries::toDelivery);
    }

    @Override
    public Optional<Delivery> find(String notificationId) {
        return Optional.ofNullable(mongo.findById(notificationId, Document.class, COLLECTION))
                .map(MongoDeliveries::toDelivery);
    }

    private static Delivery toDelivery(Document doc) {
        String providerStatus = doc.getString("providerStatus");
        return new Delivery(doc.getString("_id"), Channel.valueOf(doc.getString("channel")),
                DeliveryStatus.valueOf(doc.getString(STATUS)), doc.getString("instanceId"), doc.getInteger(ATTEMPTS),
                doc.getString(PROVIDER_MESSAGE_ID), doc.getString("reason"),
                providerStatus == null ? null : ProviderStatus.valueOf(providerStatus),
                doc.getString("providerErrorCode"), instant(doc.getDate("startedAt")),
                instant(doc.getDate("updatedAt")));
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
