package com.clinicbackbone.booking.appointment.persistence;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.clinicbackbone.booking.appointment.Appointment;
import com.clinicbackbone.booking.appointment.AppointmentStateException;
import com.clinicbackbone.booking.appointment.AppointmentStatus;
import com.clinicbackbone.booking.appointment.Appointments;
import com.clinicbackbone.events.AppointmentBooked;
import com.clinicbackbone.events.AppointmentCancelled;
import com.clinicbackbone.events.AppointmentCheckedIn;
import com.clinicbackbone.events.AppointmentCompleted;
import com.clinicbackbone.events.AppointmentConfirmed;
import com.clinicbackbone.events.AppointmentNoShow;
import com.clinicbackbone.events.AppointmentRescheduled;
import com.clinicbackbone.events.Envelope;
import com.clinicbackbone.events.Topics;
import com.clinicbackbone.messaging.Outbox;
import com.clinicbackbone.messaging.OutboxEntry;
import com.clinicbackbone.messaging.OutboxRelay;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.model.InsertManyOptions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * Appointments in collection {@code appointments}, finished ones moved to {@code appointments_archive} by the
 * retention job (reads by id look there when an id is not in the hot collection). Each write stores the change and
 * its events (as outbox entries) in one single-document operation, then wakes the relay that publishes them. Changes
 * are compare-and-sets on {@code {_id, revision}}, a unique index: key lookups.
 */
@Repository
class MongoAppointments implements Appointments {

    static final String COLLECTION = "appointments";
    static final String ARCHIVE = "appointments_archive";
    private static final List<String> FINISHED = List.of(AppointmentStatus.COMPLETED.name(),
            AppointmentStatus.CANCELLED.name(), AppointmentStatus.NO_SHOW.name());
    static final String SOURCE = "/booking-service";
    private static final String FENCED = "fenced";
    private static final Map<Class<?>, String> TYPES = Map.of(
            AppointmentBooked.class, AppointmentBooked.TYPE,
            AppointmentConfirmed.class, AppointmentConfirmed.TYPE,
            AppointmentCheckedIn.class, AppointmentCheckedIn.TYPE,
            AppointmentCompleted.class, AppointmentCompleted.TYPE,
            AppointmentNoShow.class, AppointmentNoShow.TYPE,
            AppointmentCancelled.class, AppointmentCancelled.TYPE,
            AppointmentRescheduled.class, AppointmentRescheduled.TYPE);

    private final MongoTemplate mongo;
    private final JsonMapper json;
    private final OutboxRelay relay;
    private final Clock clock;

    MongoAppointments(MongoTemplate mongo, JsonMapper json, OutboxRelay relay, Clock clock) {
        this.mongo = mongo;
        this.json = json;
        this.relay = relay;
        this.clock = clock;
    }

    @Override
    public Optional<Appointment> find(String id) {
        AppointmentDocument found = mongo.findById(id, AppointmentDocument.class);
        if (found == null) {
            found = mongo.findById(id, AppointmentDocument.class, ARCHIVE);
        }
        return Optional.ofNullable(found).filter(it -> it.status() != null).map(AppointmentDocument::toAppointment);
    }

    /**
     * A fence is a document of its own under the id, {@code {_id, fenced: true}} without a status (the fields the
     * mapping needs set to nothing): no query of a day, a patient, the outbox or retention matches it.
     */
    @Override
    public boolean fence(String id) {
        try {
            mongo.insert(new Document("_id", id).append(FENCED, true).append("revision", 0L)
                    .append(Outbox.PENDING, false), COLLECTION);
            return true;
        } catch (DuplicateKeyException taken) {
            Document stored = mongo.findById(id, Document.class, COLLECTION);
            return stored != null && Boolean.TRUE.equals(stored.getBoolean(FENCED)); // else stored (archived even)
        }
    }

    @Override
    public List<Appointment> findAll(Collection<String> ids) {
        Map<String, AppointmentDocument> found = new HashMap<>();
        mongo.find(query(where("_id").in(ids)), AppointmentDocument.class).forEach(it -> found.put(it.id(), it));
        if (found.size() < new HashSet<>(ids).size()) {
            mongo.find(query(where("_id").in(ids.stream().filter(id -> !found.containsKey(id)).toList())),
                    AppointmentDocument.class, ARCHIVE).forEach(it -> found.putIfAbsent(it.id(), it));
        }
        return ids.stream().map(found::get).filter(Objects::nonNull).filter(it -> it.status() != null)
                .map(AppointmentDocument::toAppointment).toList();
    }

    @Override
    public void add(Appointment appointment) {
        mongo.insert(AppointmentDocument.of(appointment, outboxEntries(appointment)));
        stored(appointment);
    }

    @Override
    public void addAll(List<Appointment> appointments) {
        mongo.insert(appointments.stream().map(it -> AppointmentDocument.of(it, outboxEntries(it))).toList(),
                AppointmentDocument.class);
        appointments.forEach(this::stored);
    }

    @Override
    public void update(Appointment appointment) {
        // every change raises the revision by one and registers one event
        long loadedRevision = appointment.revision() - appointment.events().size();
        Update update = new Update()
                .set("start", appointment.start())
                .set("end", appointment.end())
                .set("status", appointment.status())
                .set("revision", appointment.revision())
                .set("cancelledAt", appointment.cancelledAt())
                .set("cancellationReason", appointment.cancellationReason())
                .set("cancelledBy", appointment.cancelledBy())
                .set("late", appointment.late())
                .set("resourceId", appointment.resourceId())
                .unset("cancellationRequested")
                .push(Outbox.ENTRIES).each(outboxEntries(appointment).toArray())
                .set(Outbox.PENDING, true);
        var result = mongo.updateFirst(query(where("_id").is(appointment.id()).and("revision").is(loadedRevision)),
                update, AppointmentDocument.class);
        if (result.getMatchedCount() == 0) {
            throw new AppointmentStateException("Appointment " + appointment.id()
                    + " was changed by another request meanwhile; reload it and try again");
        }
        stored(appointment);
    }

    @Override
    public boolean flagCancellationRequested(Appointment loaded) {
        return mongo.updateFirst(query(where("_id").is(loaded.id()).and("revision").is(loaded.revision())),
                new Update().set("cancellationRequested", true), AppointmentDocument.class).getMatchedCount() > 0;
    }

    @Override
    public List<Appointment> atClinic(String clinicId, Instant from, Instant to) {
        return day(where("clinicId").is(clinicId), from, to);
    }

    @Override
    public List<Appointment> ofPractitioner(String practitionerId, Instant from, Instant to) {
        return day(where("practitionerId").is(practitionerId), from, to);
    }

    @Override
    public List<Appointment> ofPatient(String patientId, Instant from, Instant to) {
        return day(where("patientId").is(patientId), from, to);
    }

    private List<Appointment> day(Criteria owner, Instant from, Instant to) {
        var query = query(owner.and("start").gte(from).lt(to)).with(Sort.by("start", "_id"));
        query.fields().exclude(Outbox.ENTRIES);
        return mongo.find(query, AppointmentDocument.class).stream().map(AppointmentDocument::toAppointment).toList();
    }

    @Override
    public int erasePersonalData(Collection<String> ids) {
        Update clear = new Update().unset("cancellationReason");
        var hot = mongo.updateMulti(query(where("_id").in(ids)), clear, COLLECTION);
        long changed = hot.getModifiedCount();
        if (hot.getMatchedCount() < new HashSet<>(ids).size()) { // some were archived (or never stored)
            changed += mongo.updateMulti(query(where("_id").in(ids)), clear, ARCHIVE).getModifiedCount();
        }
        return (int) changed;
    }

    /** A scan of both collections (a one-off backfill, not a hot path). */
    @Override
    public void eachWithFreeText(BiConsumer<String, String> appointmentAndPatient) {
        for (String collection : List.of(COLLECTION, ARCHIVE)) {
            var withReason = query(where("cancellationReason").ne(null));
            withReason.fields().include("patientId");
            try (Stream<Document> found = mongo.stream(withReason, Document.class, collection)) {
                found.forEach(it -> appointmentAndPatient.accept(it.getString("_id"), it.getString("patientId")));
            }
        }
    }

    /**
     * The retention job's range (status, end, an empty outbox) over the index on {@code end}: not a hot
     * path; it runs rarely and in bounded batches. Copies the batch to the archive (a copy already there from an
     * interrupted run is kept), then removes it by id.
     */
    @Override
    public List<Appointment> archiveFinished(Instant endedBefore, int limit) {
        var batch = query(where("end").lt(endedBefore).and("status").in(FINISHED).and(Outbox.ENTRIES).size(0))
                .limit(limit);
        List<Document> documents = mongo.find(batch, Document.class, COLLECTION);
        if (documents.isEmpty()) {
            return List.of();
        }
        try {
            mongo.getCollection(ARCHIVE).insertMany(documents, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            if (e.getWriteErrors().stream().anyMatch(error ->
                    ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY)) {
                throw e;
            }
        }
        List<Object> ids = documents.stream().map(document -> document.get("_id")).toList();
        mongo.remove(query(where("_id").in(ids)), COLLECTION);
        return documents.stream().map(document -> mongo.getConverter().read(AppointmentDocument.class, document)
                .toAppointment()).toList();
    }

    private void stored(Appointment appointment) {
        appointment.clearEvents();
        relay.nudge(COLLECTION, appointment.id());
    }

    private List<OutboxEntry> outboxEntries(Appointment appointment) {
        List<Object> events = appointment.events();
        long firstRevision = appointment.revision() - events.size() + 1;
        Instant now = clock.instant();
        List<OutboxEntry> entries = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            Object event = events.get(i);
            Envelope envelope = Envelope.of(typeOf(event), SOURCE, now, appointment.id(), appointment.clinicId(),
                    firstRevision + i);
            entries.add(OutboxEntry.of(Topics.APPOINTMENTS, envelope, json.writeValueAsString(event)));
        }
        return entries;
    }

    private static String typeOf(Object event) {
        String type = TYPES.get(event.getClass());
        if (type == null) {
            throw new IllegalArgumentException("Not an appointment event: " + event.getClass().getName());
        }
        return type;
    }
}
