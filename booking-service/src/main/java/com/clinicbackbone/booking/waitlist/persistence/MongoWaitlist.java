package com.clinicbackbone.booking.waitlist.persistence;

import static com.clinicbackbone.booking.waitlist.persistence.OfferDocuments.date;
import static com.clinicbackbone.booking.waitlist.persistence.OfferDocuments.instant;

import com.clinicbackbone.booking.waitlist.TimeWindow;
import com.clinicbackbone.booking.waitlist.Waitlist;
import com.clinicbackbone.booking.waitlist.WaitlistEntry;
import com.clinicbackbone.booking.waitlist.WaitlistStateException;
import com.clinicbackbone.booking.waitlist.WaitlistStatus;
import com.clinicbackbone.events.Envelope;
import com.clinicbackbone.events.Topics;
import com.clinicbackbone.events.WaitlistEntryWithdrawn;
import com.clinicbackbone.events.WaitlistOfferAccepted;
import com.clinicbackbone.events.WaitlistOfferDeclined;
import com.clinicbackbone.events.WaitlistOfferExpired;
import com.clinicbackbone.events.WaitlistOfferMade;
import com.clinicbackbone.messaging.Outbox;
import com.clinicbackbone.messaging.OutboxEntry;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * The waitlist in three collections, every access by key:
 * <ul>
 * <li>{@code waitlist}: one document per entry ({@code _id} = entry id) with its pending events (outbox, published
 * on {@code clinic.waitlist.v1} keyed by entry id); every change a compare-and-set on {@code {_id, revision}} (unique
 * index {@value #REVISION_INDEX}).</li>
 * <li>{@code waitlist_queues}: per clinic and service ({@code _id = <clinicId>|<serviceId>}) the entry ids in order
 * of entry ({@code $addToSet} keeps the order); entries that left the waitlist are pulled when an offer meets them.</li>
 * <li>{@code waitlist_patients}: per patient ({@code _id} = patient id) the ids of their entries (erasure, merge).</li>
 * </ul>
 */
@Repository
class MongoWaitlist implements Waitlist {

    static final String COLLECTION = "waitlist";
    static final String QUEUES = "waitlist_queues";
    static final String PATIENTS = "waitlist_patients";
    static final String REVISION_INDEX = "id_revision";
    static final String SOURCE = "/booking-service";
    private static final Map<Class<?>, String> TYPES = Map.of(
            WaitlistOfferMade.class, WaitlistOfferMade.TYPE,
            WaitlistOfferAccepted.class, WaitlistOfferAccepted.TYPE,
            WaitlistOfferDeclined.class, WaitlistOfferDeclined.TYPE,
            WaitlistOfferExpired.class, WaitlistOfferExpired.TYPE,
            WaitlistEntryWithdrawn.class, WaitlistEntryWithdrawn.TYPE);

    private final MongoTemplate mongo;
    private final JsonMapper json;
    private final WaitlistOutboxRelay relay;
    private final Clock clock;

    MongoWaitlist(MongoTemplate mongo, JsonMapper json, WaitlistOutboxRelay relay, Clock clock) {
        this.mongo = mongo;
        this.json = json;
        this.relay = relay;
        this.clock = clock;
        entries().createIndex(Indexes.ascending("_id", "revision"),
                new IndexOptions().unique(true).name(REVISION_INDEX));
        // the relay's recovery query after an instance died (rare; MongoDB serves it from this index)
        entries().createIndex(Indexes.ascending(Outbox.PENDING), new IndexOptions().sparse(true));
    }

    @Override
    public Optional<WaitlistEntry> find(String id) {
        return Optional.ofNullable(entries().find(Filters.eq("_id", id)).projection(WITHOUT_OUTBOX).first())
                .map(MongoWaitlist::read);
    }

    @Override
    public List<WaitlistEntry> findAll(Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<WaitlistEntry> found = new ArrayList<>();
        entries().find(Filters.in("_id", List.copyOf(new LinkedHashSet<>(ids)))).projection(WITHOUT_OUTBOX)
                .forEach(document -> found.add(read(document)));
        return found;
    }

    private static final Document WITHOUT_OUTBOX = new Document(Outbox.ENTRIES, 0);

    @Override
    public boolean add(WaitlistEntry entry) {
        mongo.getCollection(QUEUES).updateOne(Filters.eq("_id", queueKey(entry.clinicId(), entry.serviceId())),
                Updates.addToSet("ids", entry.id()), new UpdateOptions().upsert(true));
        mongo.getCollection(PATIENTS).updateOne(Filters.eq("_id", entry.patientId()),
                Updates.addToSet("entryIds", entry.id()), new UpdateOptions().upsert(true));
        Document document = write(entry).append("revision", entry.revision());
        List<Document> outbox = outbox(entry);
        document.append(Outbox.ENTRIES, outbox).append(Outbox.PENDING, !outbox.isEmpty());
        try {
            entries().insertOne(document);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
        stored(entry, !outbox.isEmpty());
        return true;
    }

    @Override
    public void update(WaitlistEntry entry) {
        List<Bson> updates = new ArrayList<>();
        write(entry).forEach((field, value) -> {
            if (!field.equals("_id")) {
                updates.add(Updates.set(field, value));
            }
        });
        updates.add(Updates.set("revision", entry.revision()));
        List<Document> outbox = outbox(entry);
        if (!outbox.isEmpty()) {
            updates.add(Updates.pushEach(Outbox.ENTRIES, outbox));
            updates.add(Updates.set(Outbox.PENDING, true));
        }
        // {_id, revision} as one plain document: the unique index serves it
        long matched = entries().updateOne(new Document("_id", entry.id()).append("revision", entry.loadedRevision()),
                Updates.combine(updates)).getMatchedCount();
        if (matched == 0) {
            throw new WaitlistStateException("Waitlist entry " + entry.id()
                    + " was changed by another request meanwhile; read it again");
        }
        stored(entry, !outbox.isEmpty());
    }

    @Override
    public List<String> queued(String clinicId, Collection<String> serviceIds) {
        if (serviceIds.isEmpty()) {
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        mongo.getCollection(QUEUES).find(Filters.in("_id", serviceIds.stream().map(it -> queueKey(clinicId, it))
                .toList())).forEach(queue -> ids.addAll(queue.getList("ids", String.class, List.of())));
        return ids;
    }

    @Override
    public void dequeue(String clinicId, String serviceId, Collection<String> entryIds) {
        mongo.getCollection(QUEUES).updateOne(Filters.eq("_id", queueKey(clinicId, serviceId)),
                Updates.pullAll("ids", List.copyOf(entryIds)));
    }

    @Override
    public List<String> ofPatient(String patientId) {
        Document patient = mongo.getCollection(PATIENTS).find(Filters.eq("_id", patientId)).first();
        return patient == null ? List.of() : patient.getList("entryIds", String.class, List.of());
    }

    @Override
    public void movePatient(String fromPatientId, String toPatientId, Collection<String> entryIds) {
        mongo.getCollection(PATIENTS).updateOne(Filters.eq("_id", toPatientId),
                Updates.addEachToSet("entryIds", List.copyOf(entryIds)), new UpdateOptions().upsert(true));
        mongo.getCollection(PATIENTS).deleteOne(Filters.eq("_id", fromPatientId));
    }

    static String queueKey(String clinicId, String serviceId) {
        return clinicId + "|" + serviceId;
    }

    private void stored(WaitlistEntry entry, boolean events) {
        entry.stored();
        if (events) {
            relay.nudge(entry.id());
        }
    }

    private List<Document> outbox(WaitlistEntry entry) {
        List<Document> documents = new ArrayList<>();
        for (Object event : entry.events()) {
            String type = TYPES.get(event.getClass());
            if (type == null) {
                throw new IllegalArgumentException("Not a waitlist event: " + event.getClass().getName());
            }
            Envelope envelope = Envelope.of(type, SOURCE, clock.instant(), entry.id(), entry.clinicId(),
                    entry.revision());
            Document document = new Document();
            mongo.getConverter().write(OutboxEntry.of(Topics.WAITLIST, envelope, json.writeValueAsString(event)),
                    document);
            document.remove("_class");
            documents.add(document);
        }
        return documents;
    }

    /** The entry's fields (without revision and outbox); ids and dates only, no personal data. */
    private static Document write(WaitlistEntry entry) {
        return new Document("_id", entry.id()).append("clinicId", entry.clinicId())
                .append("serviceId", entry.serviceId()).append("practitionerId", entry.practitionerId())
                .append("patientId", entry.patientId()).append("from", entry.from().toString())
                .append("to", entry.to().toString())
                .append("times", entry.times().stream().map(it -> it.start() + "-" + it.end()).toList())
                .append("weekdays", entry.weekdays().stream().map(DayOfWeek::name).sorted().toList())
                .append("createdAt", date(entry.createdAt())).append("status", entry.status().name())
                .append("offer", OfferDocuments.write(entry.offer())).append("lastOfferId", entry.lastOfferId())
                .append("appointmentId", entry.appointmentId()).append("passed", entry.passed())
                .append("closedAt", date(entry.closedAt()));
    }

    private static WaitlistEntry read(Document document) {
        List<TimeWindow> times = document.getList("times", String.class, List.of()).stream().map(window -> {
            String[] bounds = window.split("-");
            return new TimeWindow(LocalTime.parse(bounds[0]), LocalTime.parse(bounds[1]));
        }).toList();
        Set<DayOfWeek> weekdays = document.getList("weekdays", String.class, List.of()).stream()
                .map(DayOfWeek::valueOf).collect(Collectors.toSet());
        return WaitlistEntry.restore(document.getString("_id"), document.getString("clinicId"),
                document.getString("serviceId"), document.getString("practitionerId"),
                document.getString("patientId"), LocalDate.parse(document.getString("from")),
                LocalDate.parse(document.getString("to")), times, weekdays, instant(document, "createdAt"),
                WaitlistStatus.valueOf(document.getString("status")),
                OfferDocuments.read(document.get("offer", Document.class)), document.getString("lastOfferId"),
                document.getString("appointmentId"), document.getList("passed", String.class, List.of()),
                instant(document, "closedAt"), ((Number) document.get("revision")).longValue());
    }

    private MongoCollection<Document> entries() {
        return mongo.getCollection(COLLECTION);
    }
}
