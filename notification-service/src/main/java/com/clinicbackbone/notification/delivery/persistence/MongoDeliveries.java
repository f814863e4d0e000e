package com.clinicbackbone.notification.delivery.persistence;

import static com.mongodb.client.model.Filters.eq;

import com.clinicbackbone.notification.contact.Channel;
import com.clinicbackbone.notification.delivery.Deliveries;
import com.clinicbackbone.notification.delivery.Delivery;
import com.clinicbackbone.notification.delivery.DeliveryStatus;
import com.clinicbackbone.notification.delivery.ProviderStatus;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Repository;

/**
 * The delivery log in the {@code deliveries} collection: {@code _id} is the notification id, so MongoDB's unique
 * {@code _id} index is the log's unique key and a second insert fails with a duplicate key. Every later write is
 * conditional on the status and attempt it expects, so a slow or revived instance cannot overwrite a newer state.
 * Each condition is a unique compound index whose fields are exactly the filter's ({@code {_id, status}},
 * {@code {_id, attempts, status}}, {@code {_id, providerStage}}), and the provider's message id is a unique (sparse)
 * key of its own: every operation is a key lookup on the embedded server and on MongoDB.
 */
@Repository
class MongoDeliveries implements Deliveries {

    static final String COLLECTION = "deliveries";
    private static final String STATUS = "status";
    private static final String ATTEMPTS = "attempts";
    private static final String PROVIDER_MESSAGE_ID = "providerMessageId";
    private static final String PROVIDER_STAGE = "providerStage";
    private static final int MAX_ATTEMPTS = 5;

    private final MongoCollection<Document> collection;

    MongoDeliveries(MongoOperations mongo) {
        this.collection = mongo.getCollection(COLLECTION);
        var indexes = mongo.indexOps(COLLECTION);
        // a database from before: its index on the provider's message id was not unique (same keys: replaced)
        indexes.getIndexInfo().stream()
                .filter(index -> index.isIndexForFields(List.of(PROVIDER_MESSAGE_ID)) && !index.isUnique())
                .forEach(index -> indexes.dropIndex(index.getName()));
        indexes.createIndex(new Index().on(PROVIDER_MESSAGE_ID, Sort.Direction.ASC).unique().sparse()
                .named("delivery_provider_message"));
        indexes.createIndex(new Index().on("_id", Sort.Direction.ASC).on(STATUS, Sort.Direction.ASC).unique()
                .named("delivery_status"));
        indexes.createIndex(new Index().on("_id", Sort.Direction.ASC).on(ATTEMPTS, Sort.Direction.ASC)
                .on(STATUS, Sort.Direction.ASC).unique().named("delivery_attempt"));
        indexes.createIndex(new Index().on("_id", Sort.Direction.ASC).on(PROVIDER_STAGE, Sort.Direction.ASC).unique()
                .named("delivery_provider_stage"));
    }

    @Override
    public Start begin(String notificationId, Channel channel, String instanceId, Instant at) {
        try {
            collection.insertOne(new Document("_id", notificationId).append("channel", channel.name())
                    .append(STATUS, DeliveryStatus.SENDING.name()).append("instanceId", instanceId)
                    .append(ATTEMPTS, 1).append("startedAt", Date.from(at)).append("updatedAt", Date.from(at)));
            return Start.go(1);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            // sent, being sent, failed or unknown: not ours to send; or RETRY: the next attempt may be ours
        }
        Document next = collection.findOneAndUpdate(new Document("_id", notificationId)
                        .append(STATUS, DeliveryStatus.RETRY.name()),
                Updates.combine(Updates.set(STATUS, DeliveryStatus.SENDING.name()), Updates.set("instanceId", instanceId),
                        Updates.inc(ATTEMPTS, 1), Updates.set("updatedAt", Date.from(at))),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        if (next != null) {
            return Start.go(next.getInteger(ATTEMPTS));
        }
        return find(notificationId).map(Start::taken)
                .orElseThrow(() -> new IllegalStateException("delivery " + notificationId + " vanished"));
    }

    @Override
    public void sent(String notificationId, int attempt, String providerMessageId, Instant at) {
        // UNKNOWN too: an instance marked it while this one was merely slow; the provider's answer is the truth
        List<Bson> updates = new ArrayList<>(List.of(Updates.set(STATUS, DeliveryStatus.SENT.name()),
                Updates.set("reason", null), Updates.set("updatedAt", Date.from(at))));
        if (providerMessageId != null) {
            updates.add(Updates.set(PROVIDER_MESSAGE_ID, providerMessageId));
        }
        outcome(notificationId, attempt, List.of(DeliveryStatus.SENDING, DeliveryStatus.UNKNOWN),
                Updates.combine(updates));
    }

    @Override
    public void retry(String notificationId, int attempt, String reason, Instant at) {
        outcome(notificationId, attempt, List.of(DeliveryStatus.SENDING),
                Updates.combine(Updates.set(STATUS, DeliveryStatus.RETRY.name()), Updates.set("reason", reason),
                        Updates.set("updatedAt", Date.from(at))));
    }

    @Override
    public void failed(String notificationId, int attempt, String reason, Instant at) {
        outcome(notificationId, attempt, List.of(DeliveryStatus.SENDING, DeliveryStatus.UNKNOWN),
                Updates.combine(Updates.set(STATUS, DeliveryStatus.FAILED.name()), Updates.set("reason", reason),
                        Updates.set("updatedAt", Date.from(at))));
    }

    @Override
    public Optional<Delivery> markUnknown(String notificationId, int attempt, String reason, Instant at) {
        outcome(notificationId, attempt, List.of(DeliveryStatus.SENDING),
                Updates.combine(Updates.set(STATUS, DeliveryStatus.UNKNOWN.name()), Updates.set("reason", reason),
                        Updates.set("updatedAt", Date.from(at))));
        return find(notificationId);
    }

    /** The update on the first of the expected statuses the record is in: {@code {_id, attempts, status}}, exactly. */
    private void outcome(String notificationId, int attempt, List<DeliveryStatus> from, Bson update) {
        for (DeliveryStatus status : from) {
            if (collection.updateOne(new Document("_id", notificationId).append(ATTEMPTS, attempt)
                    .append(STATUS, status.name()), update).getMatchedCount() > 0) {
                return;
            }
        }
    }

    /** One read by the provider's message id, one compare-and-set on the stage it read (two round trips). */
    @Override
    public Optional<StatusRecorded> recordProviderStatus(String providerMessageId, ProviderStatus status,
                                                         String errorCode, Instant at) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Document stored = collection.find(eq(PROVIDER_MESSAGE_ID, providerMessageId)).first();
            if (stored == null) {
                return Optional.empty();
            }
            Integer stage = stored.getInteger(PROVIDER_STAGE);
            if (stage != null && stage > status.stage()) {
                return Optional.empty();
            }
            Document updated = collection.findOneAndUpdate(new Document("_id", stored.get("_id"))
                            .append(PROVIDER_STAGE, stage),
                    Updates.combine(Updates.set("providerStatus", status.name()), Updates.set(PROVIDER_STAGE,
                            status.stage()), Updates.set("providerErrorCode", errorCode),
                            Updates.set("updatedAt", Date.from(at))),
                    new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
            if (updated != null) {
                String before = stored.getString("providerStatus");
                return Optional.of(new StatusRecorded(toDelivery(updated),
                        before == null ? null : ProviderStatus.valueOf(before)));
            }
        }
        return Optional.empty();
    }

    @Override
    public Optional<Delivery> find(String notificationId) {
        return Optional.ofNullable(collection.find(eq("_id", notificationId)).first())
                .map(MongoDeliveries::toDelivery);
    }

    /** One unordered insert; duplicates (records already there) are skipped. */
    @Override
    public void addAll(Collection<Delivery> finished) {
        if (finished.isEmpty()) {
            return;
        }
        List<Document> documents = finished.stream().map(MongoDeliveries::toDocument).toList();
        try {
            collection.insertMany(documents, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            if (e.getWriteErrors().stream().anyMatch(error ->
                    ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY)) {
                throw e;
            }
        }
    }

    private static Document toDocument(Delivery delivery) {
        Document document = new Document("_id", delivery.notificationId()).append("channel", delivery.channel().name())
                .append(STATUS, delivery.status().name()).append("instanceId", delivery.instanceId())
                .append(ATTEMPTS, delivery.attempts()).append("startedAt", date(delivery.startedAt()))
                .append("updatedAt", date(delivery.updatedAt())).append("reason", delivery.reason());
        if (delivery.providerMessageId() != null) {
            document.append(PROVIDER_MESSAGE_ID, delivery.providerMessageId());
        }
        if (delivery.providerStatus() != null) {
            document.append("providerStatus", delivery.providerStatus().name())
                    .append(PROVIDER_STAGE, delivery.providerStatus().stage())
                    .append("providerErrorCode", delivery.providerErrorCode());
        }
        return document;
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
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
