package com.clinicbackbone.booking.recall.persistence;

import com.clinicbackbone.booking.recall.Recall;
import com.clinicbackbone.booking.recall.Recalls;
import com.clinicbackbone.events.Envelope;
import com.clinicbackbone.events.RecallClosed;
import com.clinicbackbone.events.RecallOpened;
import com.clinicbackbone.events.Topics;
import com.clinicbackbone.messaging.Outbox;
import com.clinicbackbone.messaging.OutboxEntry;
import com.clinicbackbone.messaging.OutboxRelay;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * Recalls in three collections, every access by key:
 * <ul>
 * <li>{@code recalls}: one document per recall ({@code _id} = its id) with its pending events (outbox, published on
 * {@code clinic.recalls.v1} keyed by recall id); closing is a compare-and-set on {@code {_id, revision}}.</li>
 * <li>{@code recall_clinics}: per clinic ({@code _id} = clinic id) the ids of its open recalls, in order.</li>
 * <li>{@code recall_patients}: per patient ({@code _id} = patient id) their open recall ids, the visits still booked
 * ({@code <clinic>|<service>|<appointment>}), their courses' sessions ({@code <appointment>|<course>}) and cancelled
 * courses. Ids only.</li>
 * </ul>
 */
@Repository
class MongoRecalls implements Recalls {

    static final String COLLECTION = "recalls";
    static final String CLINICS = "recall_clinics";
    static final String PATIENTS = "recall_patients";
    static final String SOURCE = "/booking-service";
    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);

    private final MongoTemplate mongo;
    private final JsonMapper json;
    private final OutboxRelay relay;
    private final Clock clock;

    MongoRecalls(MongoTemplate mongo, JsonMapper json, RecallConfiguration.RecallOutboxRelay relay, Clock clock) {
        this.mongo = mongo;
        this.json = json;
        this.relay = relay.relay();
        this.clock = clock;
        recalls().createIndex(Indexes.ascending("_id", "revision"), new IndexOptions().unique(true)
                .name("id_revision"));
        recalls().createIndex(Indexes.ascending(Outbox.PENDING), new IndexOptions().sparse(true));
    }

    @Override
    public java.util.Optional<Recall> find(String id) {
        return java.util.Optional.ofNullable(recalls().find(Filters.eq("_id", id)).projection(WITHOUT_OUTBOX).first())
                .map(MongoRecalls::read);
    }

    @Override
    public List<Recall> findAll(Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<Recall> found = new ArrayList<>();
        recalls().find(Filters.in("_id", List.copyOf(new LinkedHashSet<>(ids)))).projection(WITHOUT_OUTBOX)
                .forEach(document -> found.add(read(document)));
        return found;
    }

    private static final Document WITHOUT_OUTBOX = new Document(Outbox.ENTRIES, 0);

    @Override
    public boolean add(Recall recall) {
        if (find(recall.id()).isPresent()) {
            return false; // opened before (a redelivered event), perhaps closed since: never listed again
        }
        mongo.getCollection(CLINICS).updateOne(Filters.eq("_id", recall.clinicId()),
                Updates.addToSet("open", recall.id()), UPSERT);
        mongo.getCollection(PATIENTS).updateOne(Filters.eq("_id", recall.patientId()),
                Updates.addToSet("open", recall.id()), UPSERT);
        List<Document> outbox = outbox(recall);
        try {
            recalls().insertOne(write(recall).append(Outbox.ENTRIES, outbox).append(Outbox.PENDING, true));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
        relay.nudge(COLLECTION, recall.id());
        return true;
    }

    @Override
    public boolean update(Recall recall) {
        List<Bson> updates = new ArrayList<>();
        write(recall).forEach((field, value) -> {
            if (!field.equals("_id")) {
                updates.add(Updates.set(field, value));
            }
        });
        updates.add(Updates.pushEach(Outbox.ENTRIES, outbox(recall)));
        updates.add(Updates.set(Outbox.PENDING, true));
        boolean written = recalls().updateOne(new Document("_id", recall.id())
                .append("revision", recall.loadedRevision()), Updates.combine(updates)).getMatchedCount() == 1;
        if (written) {
            relay.nudge(COLLECTION, recall.id());
            if (recall.status() == Recall.Status.CLOSED) {
                mongo.getCollection(CLINICS).updateOne(Filters.eq("_id", recall.clinicId()),
                        Updates.pull("open", recall.id()));
                mongo.getCollection(PATIENTS).updateOne(Filters.eq("_id", recall.patientId()),
                        Updates.pull("open", recall.id()));
            }
        }
        return written;
    }

    @Override
    public List<String> openAt(String clinicId) {
        Document clinic = mongo.getCollection(CLINICS).find(Filters.eq("_id", clinicId)).first();
        return clinic == null ? List.of() : clinic.getList("open", String.class, List.of());
    }

    @Override
    public PatientFile patient(String patientId) {
        Document patient = mongo.getCollection(PATIENTS).find(Filters.eq("_id", patientId)).first();
        if (patient == null) {
            return PatientFile.NONE;
        }
        Set<String> booked = new LinkedHashSet<>();
        patient.getList("booked", String.class, List.of()).forEach(key -> booked.add(key.substring(0,
                key.lastIndexOf('|'))));
        Map<String, String> sessions = new HashMap<>();
        patient.getList("sessions", String.class, List.of()).forEach(key -> sessions.put(
                key.substring(0, key.indexOf('|')), key.substring(key.indexOf('|') + 1)));
        return new PatientFile(patient.getList("open", String.class, List.of()), booked, sessions,
                Set.copyOf(patient.getList("cancelledCourses", String.class, List.of())));
    }

    @Override
    public void booked(String patientId, String clinicId, String serviceId, String appointmentId) {
        patients(patientId, Updates.addToSet("booked", clinicId + "|" + serviceId + "|" + appointmentId));
    }

    @Override
    public void ended(String patientId, String clinicId, String serviceId, String appointmentId) {
        mongo.getCollection(PATIENTS).updateOne(Filters.eq("_id", patientId),
                Updates.pull("booked", clinicId + "|" + serviceId + "|" + appointmentId));
    }

    @Override
    public void sessions(String patientId, String courseId, Collection<String> appointmentIds) {
        patients(patientId, Updates.addEachToSet("sessions", appointmentIds.stream()
                .map(id -> id + "|" + courseId).toList()));
    }

    @Override
    public void courseCancelled(String patientId, String courseId) {
        patients(patientId, Updates.addToSet("cancelledCourses", courseId));
    }

    private void patients(String patientId, Bson update) {
        mongo.getCollection(PATIENTS).updateOne(Filters.eq("_id", patientId), update, UPSERT);
    }

    private List<Document> outbox(Recall recall) {
        List<Document> documents = new ArrayList<>();
        for (Object event : recall.events()) {
            String type = event instanceof RecallOpened ? RecallOpened.TYPE
                    : event instanceof RecallClosed ? RecallClosed.TYPE : null;
            if (type == null) {
                throw new IllegalArgumentException("Not a recall event: " + event.getClass().getName());
            }
            Envelope envelope = Envelope.of(type, SOURCE, clock.instant(), recall.id(), recall.clinicId(),
                    recall.revision());
            Document document = new Document();
            mongo.getConverter().write(OutboxEntry.of(Topics.RECALLS, envelope, json.writeValueAsString(event)),
                    document);
            document.remove("_class");
            documents.add(document);
        }
        return documents;
    }

    private static Document write(Recall recall) {
        return new Document("_id", recall.id()).append("patientId", recall.patientId())
                .append("clinicId", recall.clinicId()).append("serviceId", recall.serviceId())
                .append("practitionerId", recall.practitionerId()).append("reason", recall.reason())
                .append("appointmentId", recall.appointmentId()).append("courseId", recall.courseId())
                .append("openedAt", Date.from(recall.openedAt())).append("status", recall.status().name())
                .append("closedReason", recall.closedReason())
                .append("closedAt", recall.closedAt() == null ? null : Date.from(recall.closedAt()))
                .append("revision", recall.revision());
    }

    private static Recall read(Document document) {
        Date closedAt = document.getDate("closedAt");
        return Recall.restore(document.getString("_id"), document.getString("patientId"),
                document.getString("clinicId"), document.getString("serviceId"),
                document.getString("practitionerId"), document.getString("reason"),
                document.getString("appointmentId"), document.getString("courseId"),
                document.getDate("openedAt").toInstant(), Recall.Status.valueOf(document.getString("status")),
                document.getString("closedReason"), closedAt == null ? null : closedAt.toInstant(),
                ((Number) document.get("revision")).longValue());
    }

    private MongoCollection<Document> recalls() {
        return mongo.getCollection(COLLECTION);
    }
}
