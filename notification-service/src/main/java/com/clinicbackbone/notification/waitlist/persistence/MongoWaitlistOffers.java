package com.clinicbackbone.notification.waitlist.persistence;

import com.clinicbackbone.events.Envelope;
import com.clinicbackbone.events.Topics;
import com.clinicbackbone.events.WaitlistOfferUndeliverable;
import com.clinicbackbone.messaging.Outbox;
import com.clinicbackbone.messaging.OutboxEntry;
import com.clinicbackbone.messaging.OutboxRelay;
import com.clinicbackbone.notification.waitlist.WaitlistOffer;
import com.clinicbackbone.notification.waitlist.WaitlistOffers;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * Waitlist offers per patient in {@code waitlist_offers} ({@code _id} = patient id): the offers open ({@code offers},
 * ids and times only; a closed one is pulled: every offer is closed by booking-service, whose events about one entry
 * arrive in order); every read and write by {@code _id}. An offer that reached nobody is published once through
 * a document of its own in {@code waitlist_offer_events} ({@code _id = undeliverable|<offerId>}: a second insert
 * fails) with the event in its outbox, for the {@link OutboxRelay} (on {@link Topics#NOTIFICATIONS}, keyed by patient
 * id).
 */
@Repository
class MongoWaitlistOffers implements WaitlistOffers {

    static final String COLLECTION = "waitlist_offers";
    static final String EVENTS = "waitlist_offer_events";
    static final String SOURCE = "/notification-service";

    private final MongoTemplate mongo;
    private final JsonMapper json;
    private final ObjectProvider<OutboxRelay> relay;

    MongoWaitlistOffers(MongoTemplate mongo, JsonMapper json, ObjectProvider<OutboxRelay> relay) {
        this.mongo = mongo;
        this.json = json;
        this.relay = relay;
    }

    @Override
    public void add(WaitlistOffer offer) {
        offers().updateOne(Filters.eq("_id", offer.patientId()), Updates.addToSet("offers", write(offer)),
                new UpdateOptions().upsert(true));
    }

    @Override
    public void close(String patientId, String offerId) {
        offers().updateOne(Filters.eq("_id", patientId), Updates.pull("offers", new Document("offerId", offerId)));
    }

    @Override
    public List<WaitlistOffer> open(Collection<String> patientIds, Instant now) {
        List<WaitlistOffer> open = new ArrayList<>();
        read(patientIds).forEach(document -> open.addAll(openIn(document, now)));
        open.sort(Comparator.comparing(WaitlistOffer::offeredAt).reversed().thenComparing(WaitlistOffer::offerId));
        return open;
    }

    @Override
    public Map<String, WaitlistOffer> openAmong(Map<String, ? extends Collection<String>> offerIdsByPatient,
                                                Instant now) {
        Map<String, WaitlistOffer> found = new HashMap<>();
        read(offerIdsByPatient.keySet()).forEach(document -> openIn(document, now).stream()
                .filter(offer -> offerIdsByPatient.get(offer.patientId()).contains(offer.offerId()))
                .forEach(offer -> found.put(offer.offerId(), offer)));
        return found;
    }

    @Override
    public boolean publishUndeliverable(WaitlistOffer offer, Map<String, String> channels, Instant at) {
        var event = new WaitlistOfferUndeliverable(offer.offerId(), offer.entryId(), offer.patientId(),
                offer.clinicId(), channels, at);
        Envelope envelope = Envelope.of(WaitlistOfferUndeliverable.TYPE, SOURCE, at, offer.patientId(),
                offer.clinicId(), at.toEpochMilli());
        Document entry = new Document();
        mongo.getConverter().write(OutboxEntry.of(Topics.NOTIFICATIONS, envelope, json.writeValueAsString(event)),
                entry);
        entry.remove("_class");
        String id = "undeliverable|" + offer.offerId();
        try {
            mongo.getCollection(EVENTS).insertOne(new Document("_id", id).append("offerId", offer.offerId())
                    .append("at", Date.from(at)).append(Outbox.ENTRIES, List.of(entry)).append(Outbox.PENDING, true));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
        relay.ifAvailable(outboxRelay -> outboxRelay.nudge(EVENTS, id));
        return true;
    }

    private List<Document> read(Collection<String> patientIds) {
        if (patientIds.isEmpty()) {
            return List.of();
        }
        List<Document> found = new ArrayList<>();
        offers().find(Filters.in("_id", List.copyOf(patientIds))).forEach(found::add);
        return found;
    }

    private static List<WaitlistOffer> openIn(Document document, Instant now) {
        List<WaitlistOffer> open = new ArrayList<>();
        for (Document offer : document.getList("offers", Document.class, List.of())) {
            WaitlistOffer read = read(document.getString("_id"), offer);
            if (read.openAt(now)) {
                open.add(read);
            }
        }
        return open;
    }

    private static Document write(WaitlistOffer offer) {
        return new Document("offerId", offer.offerId()).append("entryId", offer.entryId())
                .append("clinicId", offer.clinicId()).append("start", Date.from(offer.start()))
                .append("end", Date.from(offer.end())).append("expiresAt", Date.from(offer.expiresAt()))
                .append("offeredAt", Date.from(offer.offeredAt()));
    }

    private static WaitlistOffer read(String patientId, Document offer) {
        return new WaitlistOffer(offer.getString("offerId"), offer.getString("entryId"), patientId,
                offer.getString("clinicId"), offer.getDate("start").toInstant(), offer.getDate("end").toInstant(),
                offer.getDate("expiresAt").toInstant(), offer.getDate("offeredAt").toInstant());
    }

    private MongoCollection<Document> offers() {
        return mongo.getCollection(COLLECTION);
    }
}
