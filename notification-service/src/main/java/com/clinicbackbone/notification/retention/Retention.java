package com.clinicbackbone.notification.retention;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.nin;
import static com.mongodb.client.model.Filters.ne;
import static com.mongodb.client.model.Filters.size;

import com.clinicbackbone.messaging.Outbox;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.mongodb.core.MongoOperations;

/**
 * Moves finished history out of the hot collections on a schedule ({@link RetentionProperties}):
 * <ul>
 * <li>notifications that are finished (SENT, SKIPPED, CANCELLED, FAILED, UNKNOWN) and whose visit and due time are
 * both older than the clinic's retention period go to {@code notifications_archive}, their delivery records to
 * {@code deliveries_archive}: in batches, each copied then deleted by {@code _id $in}, deliveries before their
 * notifications. Interrupted anywhere, the next run repeats the batch: a copy already in the archive is a
 * duplicate key, ignored; what is already deleted is not found. Nothing SCHEDULED is ever moved.</li>
 * <li>inbound SMS log entries older than {@code inboundKeepFor} whose events were published are removed.</li>
 * <li>the copies of appointments that ended more than {@code appointmentsKeepFor} ago are removed, and their ids
 * pulled from their patient's list ({@code patient|<id>}); a list left empty is removed.</li>
 * </ul>
 * Finding what is old is a range query: the one place here that is not a key lookup. It runs rarely and in bounded
 * batches; MongoDB serves it from the indexes on {@code notifications.appointmentStart} and
 * {@code sms_inbound.receivedAt} (the embedded server, which uses no such index, scans once per batch). Several
 * instances may run it at once: every step is idempotent. The dispatcher closes the due buckets of finished minutes
 * (a filing that comes too late then fails rather than landing behind the cursor); closed buckets older than
 * {@link #CLOSED_BUCKETS_KEPT} are removed here, by a range on {@code _id}. The PHI access log is not this service's (patient-service keeps it).
 */
public class Retention implements SmartLifecycle {

    static final String NOTIFICATIONS = "notifications";
    static final String DELIVERIES = "deliveries";
    static final String INBOUND = "sms_inbound";
    static final String APPOINTMENTS = "appointments";
    private static final String PATIENT_LIST = "patient|";
    static final String ARCHIVE = "_archive";
    static final List<String> FINISHED = List.of("SENT", "SKIPPED", "CANCELLED", "FAILED", "UNKNOWN");
    /** Batches per collection and run at most: a run is bounded; the next one continues. */
    static final int MAX_BATCHES = 200;
    /** How long the closed due buckets of a finished minute stay (a filing later than this is not expected). */
    static final java.time.Duration CLOSED_BUCKETS_KEPT = java.time.Duration.ofDays(1);
    private static final String DUE_BUCKET = "due|";

    private static final Logger log = LoggerFactory.getLogger(Retention.class);

    /** What one run moved or removed. */
    public record Result(int notifications, int deliveries, int inbound, int appointments) {

        /** No appointment copy removed. */
        public Result(int notifications, int deliveries, int inbound) {
            this(notifications, deliveries, inbound, 0);
        }
    }

    private final MongoOperations mongo;
    private final RetentionProperties properties;
    private final Clock clock;
    private volatile Thread worker;

    public Retention(MongoOperations mongo, RetentionProperties properties, Clock clock) {
        this.mongo = mongo;
        this.properties = properties;
        this.clock = clock;
    }

    /** One run: everything due for the archive or removal now, in bounded batches. */
    public Result runOnce() {
        Instant now = clock.instant();
        int[] moved = new int[2];
        List<String> ownPeriods = List.copyOf(properties.clinics().keySet());
        for (Map.Entry<String, java.time.Duration> clinic : properties.clinics().entrySet()) {
            archiveNotifications(eq("clinicId", clinic.getKey()), now.minus(clinic.getValue()), moved);
        }
        archiveNotifications(ownPeriods.isEmpty() ? null : nin("clinicId", ownPeriods),
                now.minus(properties.keepFor()), moved);
        int inbound = removeInbound(now.minus(properties.inboundKeepFor()));
        removeClosedBuckets(now.minus(CLOSED_BUCKETS_KEPT));
        int appointments = removeAppointments(now.minus(properties.appointmentsKeepFor()));
        Result result = new Result(moved[0], moved[1], inbound, appointments);
        if (result.notifications() + result.deliveries() + result.inbound() + result.appointments() > 0) {
            log.info("Retention: {} notifications and {} delivery records archived, {} inbound SMS entries and {}"
                    + " appointment copies removed", result.notifications(), result.deliveries(), result.inbound(),
                    result.appointments());
        }
        return result;
    }

    private void archiveNotifications(Bson clinics, Instant cutoff, int[] moved) {
        Date before = Date.from(cutoff);
        List<Bson> conditions = new ArrayList<>(List.of(lt("appointmentStart", before), lt("dueAt", before),
                in("status", FINISHED)));
        conditions.addAll(outboxEmpty());
        if (clinics != null) {
            conditions.add(clinics);
        }
        MongoCollection<Document> notifications = mongo.getCollection(NOTIFICATIONS);
        for (int batch = 0; batch < MAX_BATCHES; batch++) {
            List<Document> old = notifications.find(and(conditions)).limit(properties.batchSize())
                    .into(new ArrayList<>());
            if (old.isEmpty()) {
                return;
            }
            List<Object> ids = old.stream().map(document -> document.get("_id")).toList();
            List<Document> deliveries = mongo.getCollection(DELIVERIES).find(in("_id", ids)).into(new ArrayList<>());
            moved[1] += move(DELIVERIES, deliveries);
            moved[0] += move(NOTIFICATIONS, old);
            if (old.size() < properties.batchSize()) {
                return;
            }
        }
    }

    /** Copies the documents into the archive (those there already are skipped), then deletes them by id. */
    private int move(String collection, List<Document> documents) {
        if (documents.isEmpty()) {
            return 0;
        }
        try {
            mongo.getCollection(collection + ARCHIVE).insertMany(documents, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            if (e.getWriteErrors().stream().anyMatch(error ->
                    ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY)) {
                throw e;
            }
            // copied by an earlier, interrupted run (or another instance): the archive has them
        }
        return (int) mongo.getCollection(collection)
                .deleteMany(in("_id", documents.stream().map(document -> document.get("_id")).toList()))
                .getDeletedCount();
    }

    private int removeInbound(Instant cutoff) {
        MongoCollection<Document> inbound = mongo.getCollection(INBOUND);
        int removed = 0;
        for (int batch = 0; batch < MAX_BATCHES; batch++) {
            List<Bson> conditions = new ArrayList<>(List.of(lt("receivedAt", Date.from(cutoff))));
            conditions.addAll(outboxEmpty());
            List<Object> ids = inbound.find(and(conditions))
                    .projection(new Document("_id", 1)).limit(properties.batchSize())
                    .map(document -> document.get("_id")).into(new ArrayList<>());
            if (ids.isEmpty()) {
                break;
            }
            removed += (int) inbound.deleteMany(in("_id", ids)).getDeletedCount();
            if (ids.size() < properties.batchSize()) {
                break;
            }
        }
        return removed;
    }

    /**
     * The appointment copies that ended before {@code cutoff} (a range on {@code end}, indexed on MongoDB; the
     * patients' lists have no {@code end}), then their ids out of the patients' lists, one keyed {@code $pullAll}
     * each; a list left empty is removed (only if still empty: a booking meanwhile keeps it).
     */
    private int removeAppointments(Instant cutoff) {
        MongoCollection<Document> appointments = mongo.getCollection(APPOINTMENTS);
        int removed = 0;
        for (int batch = 0; batch < MAX_BATCHES; batch++) {
            List<Document> old = appointments.find(lt("end", Date.from(cutoff)))
                    .projection(new Document("patientId", 1)).limit(properties.batchSize()).into(new ArrayList<>());
            if (old.isEmpty()) {
                break;
            }
            removed += (int) appointments.deleteMany(in("_id", old.stream().map(doc -> doc.get("_id")).toList()))
                    .getDeletedCount();
            Map<String, List<String>> byPatient = old.stream().filter(doc -> doc.getString("patientId") != null)
                    .collect(java.util.stream.Collectors.groupingBy(doc -> PATIENT_LIST + doc.getString("patientId"),
                            java.util.stream.Collectors.mapping(doc -> doc.getString("_id"),
                                    java.util.stream.Collectors.toList())));
            byPatient.forEach((list, ids) -> {
                appointments.updateOne(eq("_id", list), Updates.pullAll("appointments", ids));
                appointments.deleteOne(and(eq("_id", list), size("appointments", 0)));
            });
            if (old.size() < properties.batchSize()) {
                break;
            }
        }
        return removed;
    }

    /** The closed (empty) due buckets of the minutes before {@code cutoff}: {@code due|<minute>|<shard>}. */
    private void removeClosedBuckets(Instant cutoff) {
        String before = DUE_BUCKET + cutoff.truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        mongo.getCollection(NOTIFICATIONS).deleteMany(and(gte("_id", DUE_BUCKET), lt("_id", before),
                eq("closed", true)));
    }

    /**
     * Nothing of the outbox is left: no entry (a FAILED notification's event, an inbound reply's), not pending, and
     * no relay publishing the document right now; what is still to be published is never archived or removed.
     */
    private static List<Bson> outboxEmpty() {
        return List.of(exists(Outbox.ENTRIES + ".0", false), ne(Outbox.PENDING, true), exists(Outbox.RELAYING, false));
    }

    private void loop() {
        long pause = Math.min(properties.interval().toMillis(), 60_000);
        while (worker == Thread.currentThread()) {
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                return;
            }
            try {
                runOnce();
            } catch (RuntimeException e) {
                log.warn("Retention run failed, trying again at the next one: {}", e.toString());
            }
            pause = properties.interval().toMillis();
        }
    }

    @Override
    public void start() {
        if (!properties.enabled()) {
            return;
        }
        Thread thread = new Thread(this::loop, "notification-retention");
        thread.setDaemon(true);
        worker = thread;
        thread.start();
    }

    @Override
    public void stop() {
        Thread thread = worker;
        worker = null;
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return worker != null;
    }
}
