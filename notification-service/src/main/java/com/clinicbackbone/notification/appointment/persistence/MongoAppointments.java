package com.clinicbackbone.notification.appointment.persistence;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.clinicbackbone.notification.appointment.Appointment;
import com.clinicbackbone.notification.appointment.AppointmentStatus;
import com.clinicbackbone.notification.appointment.Appointments;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.UpdateManyModel;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Repository;

/**
 * The appointment projection in the {@code appointments} collection ({@code _id} = appointment id), each with
 * {@code planned} (the ids of its notifications) and a version {@code v} that every write increments; writes are
 * compare-and-sets on {@code {_id, v}} (a unique index: a key lookup on both servers). Next to them, one document
 * per patient, {@code _id = patient|<patientId>}, lists the patient's appointment ids: replies by SMS, erasures and
 * merges find a patient's appointments by key, and writing it is part of the same bulk write as the appointment
 * (one round trip).
 */
@Repository
class MongoAppointments implements Appointments {

    static final String COLLECTION = "appointments";
    static final String PATIENT = "patient|";
    private static final String VERSION = "v";
    private static final String PLANNED = "planned";
    private static final String APPOINTMENTS = "appointments";
    private static final String PATIENT_ERASED = "patientErased";

    private final MongoCollection<Document> collection;

    MongoAppointments(MongoOperations mongo) {
        this.collection = mongo.getCollection(COLLECTION);
        mongo.indexOps(COLLECTION).createIndex(new Index().on("_id", Sort.Direction.ASC)
                .on(VERSION, Sort.Direction.ASC).unique().named("appointment_version"));
        // retention's range (rare, batched); the embedded server ignores it and scans once per batch
        mongo.indexOps(COLLECTION).createIndex(new Index().on("end", Sort.Direction.ASC).named("appointment_end"));
    }

    @Override
    public Optional<Appointment> find(String appointmentId) {
        return load(appointmentId).map(Stored::appointment);
    }

    @Override
    public Map<String, Appointment> findAll(Collection<String> appointmentIds) {
        Map<String, Appointment> found = new HashMap<>();
        if (!appointmentIds.isEmpty()) {
            collection.find(in("_id", List.copyOf(appointmentIds)))
                    .forEach(document -> found.put(document.getString("_id"), toAppointment(document)));
        }
        return found;
    }

    @Override
    public Optional<Stored> load(String appointmentId) {
        return Optional.ofNullable(collection.find(eq("_id", appointmentId)).first()).map(MongoAppointments::stored);
    }

    /**
     * One bulk write: the patient's list (when the appointment is new to it) and the appointment, a compare-and-set
     * on {@code {_id, v}} ({@code v: null} with an upsert for a new one: a duplicate key when one exists).
     */
    @Override
    public boolean save(Appointment appointment, Collection<String> plannedNotificationIds, Stored expected) {
        List<WriteModel<Document>> statements = new ArrayList<>();
        if (expected == null || !expected.appointment().patientId().equals(appointment.patientId())) {
            statements.add(new UpdateOneModel<>(eq("_id", PATIENT + appointment.patientId()),
                    Updates.addToSet(APPOINTMENTS, appointment.id()), new UpdateOptions().upsert(true)));
        }
        statements.add(new UpdateOneModel<>(new Document("_id", appointment.id())
                .append(VERSION, expected == null ? null : expected.version()),
                Updates.combine(
                        Updates.set("clinicId", appointment.clinicId()),
                        Updates.set("practitionerId", appointment.practitionerId()),
                        Updates.set("patientId", appointment.patientId()),
                        Updates.set("start", Date.from(appointment.start())),
                        Updates.set("end", Date.from(appointment.end())),
                        Updates.set("status", appointment.status().name()),
                        Updates.set("revision", appointment.revision()),
                        Updates.set("serviceId", appointment.serviceId()),
                        Updates.addEachToSet(PLANNED, List.copyOf(plannedNotificationIds)),
                        Updates.inc(VERSION, 1)),
                new UpdateOptions().upsert(expected == null)));
        int compareAndSet = statements.size() - 1;
        try {
            var result = collection.bulkWrite(statements, new BulkWriteOptions().ordered(true));
            if (expected == null) {
                return result.getUpserts().stream().anyMatch(upsert -> upsert.getIndex() == compareAndSet);
            }
            boolean listUpserted = result.getUpserts().stream().anyMatch(upsert -> upsert.getIndex() < compareAndSet);
            int listMatched = compareAndSet == 1 && !listUpserted ? 1 : 0;
            return result.getMatchedCount() - listMatched == 1;
        } catch (MongoBulkWriteException stored) {
            // the appointment exists already (a redelivered booking): the caller loads it and decides again
            return false;
        }
    }

    /** Two reads by key: the patients' lists, then their appointments; the earliest still to come. */
    @Override
    public Optional<Appointment> nextUpcoming(Collection<String> patientIds, Instant now) {
        Set<String> ids = appointmentIdsOf(patientIds);
        return findAll(ids).values().stream()
                .filter(appointment -> patientIds.contains(appointment.patientId()))
                .filter(appointment -> appointment.status() == AppointmentStatus.BOOKED
                        || appointment.status() == AppointmentStatus.CONFIRMED)
                .filter(appointment -> appointment.start().isAfter(now))
                .min(Comparator.comparing(Appointment::start));
    }

    @Override
    public Set<String> notificationIdsOf(String patientId) {
        Set<String> ids = appointmentIdsOf(List.of(patientId));
        Set<String> planned = new HashSet<>();
        if (!ids.isEmpty()) {
            collection.find(in("_id", List.copyOf(ids))).forEach(document -> {
                if (patientId.equals(document.getString("patientId"))) {
                    planned.addAll(document.getList(PLANNED, String.class, List.of()));
                }
            });
        }
        return planned;
    }

    /** The patient's list and appointments read by key, then one update by {@code _id $in}. */
    @Override
    public Set<String> markPatientErased(String patientId) {
        Set<String> ids = appointmentIdsOf(List.of(patientId));
        Set<String> planned = new HashSet<>();
        List<String> theirs = new ArrayList<>();
        if (!ids.isEmpty()) {
            collection.find(in("_id", List.copyOf(ids))).forEach(document -> {
                if (patientId.equals(document.getString("patientId"))) {
                    theirs.add(document.getString("_id"));
                    planned.addAll(document.getList(PLANNED, String.class, List.of()));
                }
            });
        }
        if (!theirs.isEmpty()) {
            collection.updateMany(in("_id", theirs), Updates.combine(Updates.set(PATIENT_ERASED, true),
                    Updates.inc(VERSION, 1)));
        }
        return planned;
    }

    /**
     * The retired patient's list and appointments read by key, then one bulk write: the appointments re-pointed
     * ({@code _id $in}, versions incremented, the retired id's erasure mark dropped) and added to the survivor's
     * list.
     */
    @Override
    public Set<String> reassignPatient(String fromPatientId, String toPatientId) {
        Set<String> ids = appointmentIdsOf(List.of(fromPatientId));
        if (ids.isEmpty()) {
            return Set.of();
        }
        Set<String> planned = new HashSet<>();
        List<String> moved = new ArrayList<>();
        collection.find(in("_id", List.copyOf(ids))).forEach(document -> {
            if (fromPatientId.equals(document.getString("patientId"))) {
                moved.add(document.getString("_id"));
                planned.addAll(document.getList(PLANNED, String.class, List.of()));
            }
        });
        if (!moved.isEmpty()) {
            collection.bulkWrite(List.of(
                    new UpdateOneModel<>(eq("_id", PATIENT + toPatientId), Updates.addEachToSet(APPOINTMENTS, moved),
                            new UpdateOptions().upsert(true)),
                    new UpdateManyModel<>(in("_id", moved),
                            Updates.combine(Updates.set("patientId", toPatientId), Updates.unset(PATIENT_ERASED),
                                    Updates.inc(VERSION, 1)))),
                    new BulkWriteOptions().ordered(true));
        }
        return planned;
    }

    private Set<String> appointmentIdsOf(Collection<String> patientIds) {
        Set<String> ids = new HashSet<>();
        if (!patientIds.isEmpty()) {
            collection.find(in("_id", patientIds.stream().map(id -> PATIENT + id).toList()))
                    .forEach(document -> ids.addAll(document.getList(APPOINTMENTS, String.class, List.of())));
        }
        return ids;
    }

    private static Stored stored(Document document) {
        return new Stored(toAppointment(document), new HashSet<>(document.getList(PLANNED, String.class, List.of())),
                Boolean.TRUE.equals(document.getBoolean(PATIENT_ERASED)), document.get(VERSION));
    }

    private static Appointment toAppointment(Document document) {
        return new Appointment(document.getString("_id"), document.getString("clinicId"),
                document.getString("practitionerId"), document.getString("patientId"),
                document.getDate("start").toInstant(), document.getDate("end").toInstant(),
                AppointmentStatus.valueOf(document.getString("status")), ((Number) document.get("revision")).longValue(),
                document.getString("serviceId"));
    }
}
