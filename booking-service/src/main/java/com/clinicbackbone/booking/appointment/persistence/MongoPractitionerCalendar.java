package com.clinicbackbone.booking.appointment.persistence;

import com.clinicbackbone.booking.appointment.PractitionerCalendar;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.WriteModel;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Repository;

/**
 * Calendars in collection {@code calendar_days}: one document per owner (practitioner, or room/device) and day,
 * {@code _id = <owner>|<yyyy-mm-dd>}, holding the owner's claimed intervals of that day and a {@code version}. The
 * days are those of one zone for every owner ({@code booking.calendar.zone}, whatever the clinics' zones), and an
 * interval is kept in the document of every day it touches (one crossing midnight in two): any two overlapping
 * intervals of an owner share an instant, that instant lies in exactly one day, and both intervals are in that day's
 * document. A claim reads the documents by {@code _id} and pushes its interval with a compare-and-set on the
 * version ({@code {_id, version}}, served by the unique index {@value #VERSION_INDEX}), or inserts the day's
 * document; a lost race (no match, duplicate key) reads again and checks again. So a booking writes one document
 * per owner (two across midnight), and availability reads a month of an owner in one {@code _id $in}.
 * <p>
 * A release pulls the interval by exact {@code _id} without changing the version: only pushes add intervals, and
 * every push is a compare-and-set, so a claim decided on a read that still showed a released interval was only more
 * careful than it needed to be.
 */
@Repository
class MongoPractitionerCalendar implements PractitionerCalendar {

    static final String COLLECTION = "calendar_days";
    static final String VERSION_INDEX = "id_version";
    /** Serves the retention job's range over past days only (never a hot path). */
    static final String DATE_INDEX = "date";
    static final String INTERVALS = "intervals";
    /** Lost compare-and-set races one claim call goes through before it gives up. */
    private static final int MAX_ROUNDS = 200;

    private final MongoTemplate mongo;
    private final ZoneId zone;

    MongoPractitionerCalendar(MongoTemplate mongo,
                              @Value("${booking.calendar.zone:America/Edmonton}") String zone) {
        this.mongo = mongo;
        this.zone = ZoneId.of(zone);
        MongoCollection<Document> days = days();
        days.createIndex(Indexes.ascending("_id", "version"), new IndexOptions().unique(true).name(VERSION_INDEX));
        days.createIndex(Indexes.ascending("date"), new IndexOptions().name(DATE_INDEX));
    }

    /** The zone whose days cut the calendars. */
    ZoneId zone() {
        return zone;
    }

    static String key(String owner, LocalDate date) {
        return owner + "|" + date;
    }

    /** The keys of the owner's day documents that [from, to) touches. */
    List<String> keys(String owner, Instant from, Instant to) {
        List<String> keys = new ArrayList<>();
        LocalDate last = to.minusNanos(1).atZone(zone).toLocalDate();
        for (LocalDate date = from.atZone(zone).toLocalDate(); !date.isAfter(last); date = date.plusDays(1)) {
            keys.add(key(owner, date));
        }
        return keys;
    }

    @Override
    public Snapshot read(Collection<Span> spans) {
        Set<String> keys = new LinkedHashSet<>();
        spans.forEach(span -> keys.addAll(keys(span.owner(), span.start(), span.end())));
        DaySnapshot snapshot = new DaySnapshot();
        snapshot.load(keys, fetch(keys));
        return snapshot;
    }

    @Override
    public Optional<Conflict> claim(Snapshot seen, List<Claim> wanted) {
        DaySnapshot snapshot = (DaySnapshot) seen;
        Set<String> written = new LinkedHashSet<>(); // day keys this call pushed (or tried to push) to
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Map<String, List<Claim>> pushes = new LinkedHashMap<>();
            for (Claim claim : wanted) {
                for (String key : keys(claim.owner(), claim.start(), claim.end())) {
                    Day day = snapshot.day(key);
                    if (written.contains(key) && day.claims().contains(claim)) {
                        continue; // pushed by an earlier round of this call
                    }
                    Optional<Claim> holder = day.claims().stream().filter(it -> it.blocks(claim)).findFirst()
                            .or(() -> pushes.getOrDefault(key, List.of()).stream()
                                    .filter(it -> it.blocks(claim) || claim.blocks(it)).findFirst());
                    if (holder.isPresent()) {
                        undo(written, wanted);
                        return Optional.of(new Conflict(claim, holder.get()));
                    }
                    pushes.computeIfAbsent(key, it -> new ArrayList<>()).add(claim);
                }
            }
            if (pushes.isEmpty()) {
                return Optional.empty();
            }
            written.addAll(pushes.keySet());
            if (write(snapshot, pushes)) {
                return Optional.empty();
            }
            snapshot.load(pushes.keySet(), fetch(pushes.keySet())); // a race was lost somewhere: look again
        }
        undo(written, wanted);
        throw new IllegalStateException("calendar changes too fast to claim " + wanted.get(0).owner());
    }

    /** One bulk write of the pushes; true when every one of them went in (then the snapshot has them too). */
    private boolean write(DaySnapshot snapshot, Map<String, List<Claim>> pushes) {
        List<WriteModel<Document>> writes = new ArrayList<>();
        Map<String, Long> versions = new HashMap<>();
        long firstVersion = Math.max(1, System.currentTimeMillis());
        pushes.forEach((key, claims) -> {
            Day day = snapshot.day(key);
            versions.put(key, day.version() == 0 ? firstVersion : day.version() + 1);
            List<Document> intervals = claims.stream().map(MongoPractitionerCalendar::interval).toList();
            if (day.version() == 0) { // a new day starts from the time, so no version of a removed day recurs
                writes.add(new InsertOneModel<>(new Document("_id", key).append("owner", claims.get(0).owner())
                        .append("date", key.substring(key.lastIndexOf('|') + 1))
                        .append("version", firstVersion).append(INTERVALS, intervals)));
            } else {
                // {_id, version} as one plain document: the unique index serves it (an $and would be a scan)
                writes.add(new UpdateOneModel<>(new Document("_id", key).append("version", day.version()),
                        new Document("$push", new Document(INTERVALS, new Document("$each", intervals)))
                                .append("$inc", new Document("version", 1L))));
            }
        });
        BulkWriteResult result;
        try {
            result = days().bulkWrite(writes, new BulkWriteOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            if (e.getWriteErrors().stream().anyMatch(error ->
                    ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY)) {
                throw e;
            }
            return false; // another claim created a day first
        }
        if (result.getInsertedCount() + result.getMatchedCount() < writes.size()) {
            return false;
        }
        pushes.forEach((key, claims) -> {
            Day day = snapshot.day(key);
            List<Claim> now = new ArrayList<>(day.claims());
            now.addAll(claims);
            snapshot.put(key, new Day(versions.get(key), now));
        });
        return true;
    }

    /** Takes back what a failed claim call may have pushed (exactly its own intervals). */
    private void undo(Set<String> written, List<Claim> wanted) {
        if (written.isEmpty()) {
            return;
        }
        List<WriteModel<Document>> pulls = new ArrayList<>();
        for (Claim claim : wanted) {
            for (String key : keys(claim.owner(), claim.start(), claim.end())) {
                if (written.contains(key)) {
                    pulls.add(new UpdateOneModel<>(Filters.eq("_id", key), pullExactly(claim)));
                }
            }
        }
        if (!pulls.isEmpty()) {
            days().bulkWrite(pulls, new BulkWriteOptions().ordered(false));
        }
    }

    @Override
    public void release(Collection<String> owners, Instant from, Instant to, String appointmentId,
                        long upToRevision) {
        List<String> keys = new ArrayList<>();
        owners.forEach(owner -> keys.addAll(keys(owner, from, to)));
        if (keys.isEmpty() || !from.isBefore(to)) {
            return;
        }
        days().updateMany(Filters.in("_id", keys), new Document("$pull", new Document(INTERVALS,
                new Document("appointmentId", appointmentId).append("revision", new Document("$lte", upToRevision)))));
    }

    @Override
    public void release(Claim claim) {
        days().updateMany(Filters.in("_id", keys(claim.owner(), claim.start(), claim.end())), pullExactly(claim));
    }

    /**
     * The retention job's range over the index on {@code date} (ISO dates order as strings): not a hot path; it runs
     * rarely and in bounded batches (the ids first, then a removal by id).
     */
    @Override
    public int removeDaysBefore(Instant instant, int limit) {
        String before = instant.atZone(zone).toLocalDate().toString();
        List<Object> ids = new ArrayList<>();
        days().find(Filters.lt("date", before)).projection(new Document("_id", 1)).limit(limit)
                .forEach(document -> ids.add(document.get("_id")));
        if (ids.isEmpty()) {
            return 0;
        }
        return (int) days().deleteMany(Filters.in("_id", ids)).getDeletedCount();
    }

    private static Bson pullExactly(Claim claim) {
        return new Document("$pull", new Document(INTERVALS, new Document("appointmentId", claim.appointmentId())
                .append("revision", claim.revision()).append("start", Date.from(claim.start()))
                .append("end", Date.from(claim.end()))));
    }

    private static Document interval(Claim claim) {
        return new Document("start", Date.from(claim.start())).append("end", Date.from(claim.end()))
                .append("appointmentId", claim.appointmentId()).append("revision", claim.revision());
    }

    private Map<String, Day> fetch(Collection<String> keys) {
        Map<String, Day> found = new HashMap<>();
        if (keys.isEmpty()) {
            return found;
        }
        for (Document document : days().find(Filters.in("_id", keys))) {
            String owner = document.getString("owner");
            List<Claim> claims = new ArrayList<>();
            for (Document interval : document.getList(INTERVALS, Document.class, List.of())) {
                claims.add(new Claim(owner, interval.getDate("start").toInstant(),
                        interval.getDate("end").toInstant(), interval.getString("appointmentId"),
                        ((Number) interval.get("revision")).longValue()));
            }
            found.put(document.getString("_id"), new Day(((Number) document.get("version")).longValue(), claims));
        }
        return found;
    }

    private MongoCollection<Document> days() {
        return mongo.getCollection(COLLECTION);
    }

    /** One owner's day as read: its version (0: no document yet) and its claims. */
    private record Day(long version, List<Claim> claims) {

        static final Day ABSENT = new Day(0, List.of());
    }

    /** The day documents read, by key. */
    private final class DaySnapshot implements Snapshot {

        private final Map<String, Day> days = new HashMap<>();

        void load(Collection<String> keys, Map<String, Day> found) {
            keys.forEach(key -> days.put(key, found.getOrDefault(key, Day.ABSENT)));
        }

        Day day(String key) {
            Day day = days.get(key);
            if (day == null) {
                throw new IllegalStateException("calendar day " + key + " was not read");
            }
            return day;
        }

        void put(String key, Day day) {
            days.put(key, day);
        }

        @Override
        public List<Claim> claims(String owner, Instant from, Instant to) {
            Set<Claim> claims = new LinkedHashSet<>(); // one crossing midnight is in two days
            for (String key : keys(owner, from, to)) {
                day(key).claims().stream().filter(claim -> claim.overlaps(from, to)).forEach(claims::add);
            }
            return List.copyOf(claims);
        }
    }
}
