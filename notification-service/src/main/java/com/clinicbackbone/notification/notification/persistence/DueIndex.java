package com.clinicbackbone.notification.notification.persistence;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import com.mongodb.client.model.BulkWriteOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When each SCHEDULED notification is due, filed under minute buckets so that the dispatcher finds due work by key
 * and never searches the notifications. Kept in the {@code notifications} collection itself, so that filing a
 * notification and storing it are one ordered bulk write (one round trip) with the bucket entry first:
 * <ul>
 * <li>A bucket is a document {@code _id = due|<minute, UTC>|<shard>} ({@value #SHARDS} shards per minute, by the
 * notification id's hash, so a burst does not make one huge document) holding {@code entries}:
 * {@code "<due epoch millis> <notification id>"}, and a version {@code v} that every write increments.</li>
 * <li><b>The invariant</b>: a notification is SCHEDULED with a next attempt time only after an entry for that time
 * was written, in the bucket of that time's minute (or of the current minute when the time has passed). Every
 * write that schedules (planning, a retry, a deferral, a revival after a merge) files first, in the same bulk
 * write or the one before. So whatever a crash interrupts, no due notification is outside the buckets.</li>
 * <li>The cursor {@code due|cursor} names the first minute not known to be finished. A minute is finished when its
 * buckets hold no entry any more: entries are removed (pruned) once their notification is no longer SCHEDULED
 * or was filed again for a later time. Whoever sees a finished minute, at least {@link #FINISH_GRACE} in the
 * past, <b>closes</b> all its buckets (each an empty document {@code closed: true}: a compare-and-set on
 * {@code {_id, v}}, or an insert where none existed) and then moves the cursor on by a compare-and-set on
 * {@code {_id, v}}. A filing writes only into an open bucket ({@code {_id, closed: null}}, an upsert: over a
 * closed one it is a duplicate key), so no entry ever lands in a minute the cursor passed, however slow the write
 * or late the writer's clock: such a filing fails, before the notification's write in the same ordered bulk
 * write, and is filed again above the cursor ({@link #file}). Entries are filed under the latest of their due
 * minute, the current minute and the cursor's minute. Closed buckets are kept for {@code retention}
 * to remove after a day.</li>
 * <li>Each instance reads the buckets from the cursor's minute to the next minute by {@code _id $in} every
 * {@code refreshEvery} (one keyed read; idle, the buckets are absent and nothing else happens), and keeps the
 * entries in memory: what is due now is claimed, the earliest later entry is when the dispatcher wakes next.
 * What this instance files itself for the next minutes it knows at once. After a crash the next read finds what
 * was left: recovery is the same keyed, bounded read (at most {@value #MAX_MINUTES_PER_READ} minutes of buckets
 * from the cursor at a time, and the current ones).</li>
 * </ul>
 * At its first read every instance files the SCHEDULED notifications that are in no bucket (those planned by an
 * earlier version, during a rolling upgrade, or a database from before the buckets), with one query on
 * {@code status} (indexed on MongoDB) and a keyed read of their buckets; that is the only search here.
 */
final class DueIndex {

    static final String PREFIX = "due|";
    static final String CURSOR = PREFIX + "cursor";
    static final String ENTRIES = "entries";
    static final String VERSION = "v";
    /** Set on the buckets of a finished minute: no filing goes into them any more. */
    static final String CLOSED = "closed";
    static final int SHARDS = 8;
    /** A minute can be finished this long after it ended: a write that files "now" is never that slow. */
    static final Duration FINISH_GRACE = Duration.ofMinutes(2);
    /** An entry whose notification does not exist (its write failed) is dropped after this long. */
    static final Duration MISSING_GRACE = Duration.ofMinutes(10);
    static final int MAX_MINUTES_PER_READ = 120;

    private static final Logger log = LoggerFactory.getLogger(DueIndex.class);
    private static final Duration RETRY_MISSING = Duration.ofSeconds(1);
    private static final int MAX_FILING_ATTEMPTS = 5;
    private static final Duration SKEW_LOG_EVERY = Duration.ofMinutes(10);

    /** One entry: the notification, when it is due (epoch millis) and the bucket that holds it. */
    record Entry(String notificationId, long at, String bucket) {

        static final Comparator<Entry> ORDER = Comparator.comparingLong(Entry::at)
                .thenComparing(Entry::notificationId).thenComparing(Entry::bucket);

        String value() {
            return at + " " + notificationId;
        }

        static Entry parse(String value, String bucket) {
            int space = value.indexOf(' ');
            return new Entry(value.substring(space + 1), Long.parseLong(value.substring(0, space)), bucket);
        }

    }

    /** A notification to file: due at {@code at}. */
    record Due(String notificationId, Instant at) {
    }

    /** A claim of this instance: its entry, until its lease ends (then it is a candidate again, for a take-over). */
    private record InFlight(String token, Entry entry, long until) {
    }

    private final MongoCollection<Document> collection;
    private final Duration refreshEvery;
    private final NavigableSet<Entry> known = new TreeSet<>(Entry.ORDER);
    private final Map<String, Long> notBefore = new HashMap<>();
    private final Map<String, InFlight> inFlight = new HashMap<>();
    /** Candidates handed to one of this instance's threads and not yet claimed or given back. */
    private final Set<String> reserved = new HashSet<>();
    private final Map<String, Set<String>> toPrune = new LinkedHashMap<>();
    private Long cursorMinute;
    private Object cursorVersion;
    private Instant refreshedAt;
    private Instant skewLoggedAt;

    DueIndex(MongoCollection<Document> collection, Duration refreshEvery) {
        this.collection = collection;
        this.refreshEvery = refreshEvery;
    }

    static long minuteOf(Instant instant) {
        return Math.floorDiv(instant.getEpochSecond(), 60);
    }

    static String bucketKey(long minute, String notificationId) {
        return bucketPrefix(minute) + Math.floorMod(notificationId.hashCode(), SHARDS);
    }

    private static String bucketPrefix(long minute) {
        return PREFIX + Instant.ofEpochSecond(minute * 60) + "|";
    }

    private static long minuteOfBucket(String bucket) {
        String time = bucket.substring(PREFIX.length(), bucket.lastIndexOf('|'));
        return minuteOf(Instant.parse(time));
    }

    /** The statements that file these entries (one upsert per bucket), for the bulk write that schedules them. */
    static List<WriteModel<Document>> filings(List<Entry> entries) {
        Map<String, List<String>> byBucket = new LinkedHashMap<>();
        entries.forEach(entry -> byBucket.computeIfAbsent(entry.bucket(), key -> new ArrayList<>()).add(entry.value()));
        List<WriteModel<Document>> statements = new ArrayList<>();
        byBucket.forEach((bucket, values) -> statements.add(new UpdateOneModel<>(
                new Document("_id", bucket).append(CLOSED, null),
                Updates.combine(Updates.addEachToSet(ENTRIES, values), Updates.inc(VERSION, 1)),
                new UpdateOptions().upsert(true))));
        return statements;
    }

    /**
     * Files these notifications: {@code statements} makes the bulk write from their entries, the filings
     * ({@link #filings}) first; it is run in order (or not, {@code ordered}). When a filing finds its bucket closed
     * (the cursor passed that minute meanwhile: a slow write, or this instance's clock behind another's), nothing
     * after it was written: the cursor is read and the whole write made again with the entries above the closed
     * minute. Then the entries are known here ({@link #filed}).
     *
     * @return the bulk write's result, or null when there was nothing to write
     */
    BulkWriteResult file(List<Due> dues, Instant now, boolean ordered,
                         Function<List<Entry>, List<WriteModel<Document>>> statements) {
        long floor = Long.MIN_VALUE;
        for (int attempt = 1; ; attempt++) {
            List<Entry> entries = entries(dues, now, floor);
            List<WriteModel<Document>> writes = statements.apply(entries);
            try {
                BulkWriteResult result = writes.isEmpty() ? null
                        : collection.bulkWrite(writes, new BulkWriteOptions().ordered(ordered));
                filed(entries, now);
                return result;
            } catch (MongoBulkWriteException e) {
                long closed = closedMinute(e, writes);
                if (closed == Long.MIN_VALUE || attempt >= MAX_FILING_ATTEMPTS) {
                    throw e;
                }
                floor = Math.max(floor, closed + 1);
                warnSkew(now, "a due entry found its minute " + Instant.ofEpochSecond(closed * 60)
                        + " finished already: filed again under a later minute");
                readCursor(now);
            }
        }
    }

    /** The entries of these notifications, each under the latest of its due minute, now's, the cursor's, floor. */
    synchronized List<Entry> entries(List<Due> dues, Instant now, long floor) {
        long lowest = Math.max(floor, cursorMinute == null ? Long.MIN_VALUE : cursorMinute);
        List<Entry> entries = new ArrayList<>(dues.size());
        for (Due due : dues) {
            long minute = Math.max(minuteOf(due.at().isAfter(now) ? due.at() : now), lowest);
            entries.add(new Entry(due.notificationId(), due.at().toEpochMilli(),
                    bucketKey(minute, due.notificationId())));
        }
        return entries;
    }

    /** The latest minute whose closed bucket made a filing of {@code writes} fail, or {@code Long.MIN_VALUE}. */
    private static long closedMinute(MongoBulkWriteException e, List<WriteModel<Document>> writes) {
        long closed = Long.MIN_VALUE;
        for (BulkWriteError error : e.getWriteErrors()) {
            if (error.getCategory() != com.mongodb.ErrorCategory.DUPLICATE_KEY || error.getIndex() >= writes.size()
                    || !(writes.get(error.getIndex()) instanceof UpdateOneModel<Document> update)
                    || !(update.getFilter() instanceof Document filter) || !filter.containsKey(CLOSED)) {
                return Long.MIN_VALUE; // not (only) a closed bucket: the caller's to handle
            }
            closed = Math.max(closed, minuteOfBucket(filter.getString("_id")));
        }
        return closed;
    }

    private synchronized void readCursor(Instant now) {
        Document cursor = collection.find(eq("_id", CURSOR)).first();
        if (cursor != null) {
            adoptCursor(cursor, now);
        }
    }

    private synchronized void warnSkew(Instant now, String what) {
        if (skewLoggedAt == null || now.isBefore(skewLoggedAt)
                || Duration.between(skewLoggedAt, now).compareTo(SKEW_LOG_EVERY) >= 0) {
            skewLoggedAt = now;
            log.warn("Due buckets: {} (is this instance's clock behind another's?)", what);
        }
    }

    /**
     * Entries this instance filed (their bulk write succeeded): those due by the end of the next minute (or filed
     * under it) are known at once, without a read, whatever minute the cursor made them be filed under; later ones
     * are read when their minute comes (memory stays a few minutes' worth).
     */
    synchronized void filed(List<Entry> entries, Instant now) {
        long horizon = minuteOf(now) + 1;
        long horizonEnd = (horizon + 1) * 60_000;
        for (Entry entry : entries) {
            long minute = minuteOfBucket(entry.bucket());
            if ((cursorMinute == null || minute >= cursorMinute) && (minute <= horizon || entry.at() < horizonEnd)) {
                known.add(entry);
            }
        }
    }

    /** Reads the buckets again when the last read is older than {@code refreshEvery} (or the clock went back). */
    synchronized void refreshIfStale(Instant now) {
        if (refreshedAt == null || now.isBefore(refreshedAt)
                || Duration.between(refreshedAt, now).compareTo(refreshEvery) >= 0) {
            refresh(now);
        }
    }

    /**
     * Reads the buckets from the cursor's minute to the minute after {@code now} by {@code _id $in} (with the cursor
     * itself), replaces what is known of those minutes, and finishes the minutes found empty.
     */
    synchronized void refresh(Instant now) {
        if (cursorMinute == null) {
            bootstrap(now);
        }
        flushPrunes();
        long first = cursorMinute;
        // the cursor's next minute at least: entries filed above the cursor by a clock behind another's
        long last = Math.min(Math.max(minuteOf(now) + 1, first + 1), first + MAX_MINUTES_PER_READ - 1);
        // far behind (after an outage): the walk from the cursor goes on, and what is due now is read as well
        java.util.SortedSet<Long> minutes = new TreeSet<>();
        for (long minute = first; minute <= last; minute++) {
            minutes.add(minute);
        }
        for (long minute = Math.max(first, minuteOf(now) - 1); minute <= minuteOf(now) + 1; minute++) {
            minutes.add(minute);
        }
        List<String> keys = new ArrayList<>();
        keys.add(CURSOR);
        for (long minute : minutes) {
            for (int shard = 0; shard < SHARDS; shard++) {
                keys.add(bucketPrefix(minute) + shard);
            }
        }
        Map<Long, List<Document>> buckets = new HashMap<>();
        for (Document document : collection.find(in("_id", keys))) {
            String id = document.getString("_id");
            if (id.equals(CURSOR)) {
                adoptCursor(document, now);
            } else {
                buckets.computeIfAbsent(minuteOfBucket(id), minute -> new ArrayList<>()).add(document);
            }
        }
        known.removeIf(entry -> {
            long minute = minuteOfBucket(entry.bucket());
            return minute < cursorMinute || minutes.contains(minute);
        });
        buckets.values().forEach(documents -> documents.forEach(document -> document
                .getList(ENTRIES, String.class, List.of())
                .forEach(value -> known.add(Entry.parse(value, document.getString("_id"))))));
        refreshedAt = now;
        finish(now, first, last, buckets);
    }

    /**
     * The first read of an instance: the cursor (created when there is none), then the SCHEDULED notifications
     * that are in no bucket filed ({@link #backfill}).
     */
    private void bootstrap(Instant now) {
        Document cursor = collection.find(eq("_id", CURSOR)).first();
        if (cursor == null) {
            try {
                collection.insertOne(new Document("_id", CURSOR).append("minute", minuteOf(now)).append(VERSION, 0));
            } catch (MongoWriteException createdMeanwhile) {
                // another instance created it first: read theirs
            }
            cursor = collection.find(eq("_id", CURSOR)).first();
        }
        cursorMinute = null;
        adoptCursor(cursor, now);
        backfill(now);
    }

    /**
     * Files the SCHEDULED notifications that are in no bucket: planned by an instance of an earlier version (a
     * rolling upgrade: every start looks again), or stored before the buckets existed. The one search of this class,
     * run once at each instance's start ({@code status} is indexed on MongoDB); which are filed already is read from
     * their buckets by key.
     */
    private void backfill(Instant now) {
        List<Due> scheduled = new ArrayList<>();
        for (Document notification : collection.find(eq("status", "SCHEDULED"))
                .projection(new Document("_id", 1).append("nextAttemptAt", 1))) {
            Date next = notification.getDate("nextAttemptAt");
            scheduled.add(new Due(notification.getString("_id"), next == null ? now : next.toInstant()));
        }
        if (scheduled.isEmpty()) {
            return;
        }
        List<Entry> unfiled = new ArrayList<>();
        file(scheduled, now, false, entries -> {
            unfiled.clear();
            unfiled.addAll(unfiled(entries));
            return filings(unfiled);
        });
        if (!unfiled.isEmpty()) {
            log.info("Filed {} scheduled notifications that were in no due bucket (planned by an earlier version)",
                    unfiled.size());
        }
    }

    /** The entries not in their bucket (the buckets read by {@code _id $in}). */
    private List<Entry> unfiled(List<Entry> entries) {
        List<String> keys = entries.stream().map(Entry::bucket).distinct().toList();
        Map<String, Set<String>> values = new HashMap<>();
        for (int from = 0; from < keys.size(); from += 1000) {
            collection.find(in("_id", keys.subList(from, Math.min(keys.size(), from + 1000))))
                    .projection(new Document(ENTRIES, 1))
                    .forEach(bucket -> values.put(bucket.getString("_id"),
                            new HashSet<>(bucket.getList(ENTRIES, String.class, List.of()))));
        }
        return entries.stream()
                .filter(entry -> !values.getOrDefault(entry.bucket(), Set.of()).contains(entry.value())).toList();
    }

    private void adoptCursor(Document cursor, Instant now) {
        long minute = ((Number) cursor.get("minute")).longValue();
        if (cursorMinute == null || minute >= cursorMinute) {
            cursorMinute = minute;
            cursorVersion = cursor.get(VERSION);
        }
        if (minute > minuteOf(now.minus(FINISH_GRACE)) + 1) {
            warnSkew(now, "the cursor is at " + Instant.ofEpochSecond(minute * 60) + ", beyond the minutes this"
                    + " instance's clock counts as finished");
        }
    }

    /**
     * Closes every bucket of the minutes from the cursor on that ended at least {@link #FINISH_GRACE} ago and have no
     * entry left (one bulk write of compare-and-sets on {@code {_id, v}}; a bucket that does not exist is inserted
     * closed by an upsert on {@code {_id, v: null}}), and moves the cursor past them; stops at the first minute still
     * holding an entry. When a filing got there first, nothing moves: the next read looks again.
     */
    private void finish(Instant now, long first, long last, Map<Long, List<Document>> buckets) {
        long finishedBefore = minuteOf(now.minus(FINISH_GRACE));
        long minute = first;
        List<WriteModel<Document>> closings = new ArrayList<>();
        while (minute < finishedBefore && minute <= last) {
            Map<String, Document> documents = new HashMap<>();
            buckets.getOrDefault(minute, List.of()).forEach(document -> documents.put(document.getString("_id"), document));
            if (documents.values().stream()
                    .anyMatch(document -> !document.getList(ENTRIES, String.class, List.of()).isEmpty())) {
                break;
            }
            for (int shard = 0; shard < SHARDS; shard++) {
                String key = bucketPrefix(minute) + shard;
                Document document = documents.get(key);
                if (document == null) {
                    closings.add(new UpdateOneModel<>(new Document("_id", key).append(VERSION, null),
                            Updates.combine(Updates.set(CLOSED, true), Updates.set(ENTRIES, List.of()),
                                    Updates.set(VERSION, 0)), new UpdateOptions().upsert(true)));
                } else if (!Boolean.TRUE.equals(document.get(CLOSED))) {
                    closings.add(new UpdateOneModel<>(new Document("_id", key).append(VERSION, document.get(VERSION)),
                            Updates.combine(Updates.set(CLOSED, true), Updates.inc(VERSION, 1))));
                }
            }
            minute++;
        }
        if (minute == first) {
            return;
        }
        if (!closings.isEmpty()) {
            try {
                BulkWriteResult closed = collection.bulkWrite(closings, new BulkWriteOptions().ordered(false));
                if (closed.getMatchedCount() + closed.getUpserts().size() < closings.size()) {
                    return; // an entry was filed meanwhile: look again at the next read
                }
            } catch (MongoBulkWriteException filedMeanwhile) {
                return; // a bucket was created by a filing meanwhile: look again at the next read
            }
        }
        long finished = minute;
        if (collection.updateOne(new Document("_id", CURSOR).append(VERSION, cursorVersion),
                Updates.combine(Updates.set("minute", finished), Updates.inc(VERSION, 1))).getMatchedCount() == 1) {
            cursorMinute = finished;
            cursorVersion = cursorVersion instanceof Number number ? number.longValue() + 1 : 1L;
        } else {
            readCursor(now);
        }
        known.removeIf(entry -> minuteOfBucket(entry.bucket()) < cursorMinute);
    }

    /**
     * The entries due at {@code now} that no claim of this instance holds and that are not set aside, earliest
     * first; among those due in the same second in an order of this holder's own (a hash of holder and id), so
     * that instances claiming at once mostly want different ones. One entry per notification. They are reserved
     * for the calling thread (another thread of this instance gets others) until {@link #claimed} or
     * {@link #unreserve}.
     */
    synchronized List<Entry> candidates(Instant now, String holder, int max) {
        long nowMillis = now.toEpochMilli();
        List<Entry> due = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Entry entry : known) {
            if (entry.at() > nowMillis || due.size() >= max * 8) {
                break;
            }
            Long waitUntil = notBefore.get(entry.notificationId());
            if (claimedUntil(entry.notificationId(), nowMillis) || waitUntil != null && waitUntil > nowMillis
                    || reserved.contains(entry.notificationId()) || !ids.add(entry.notificationId())) {
                continue;
            }
            due.add(entry);
        }
        due.sort(Comparator.comparingLong((Entry entry) -> entry.at() / 1000)
                .thenComparingInt(entry -> (holder + entry.notificationId()).hashCode()));
        List<Entry> chosen = due.size() > max * 2 ? List.copyOf(due.subList(0, max * 2)) : due;
        chosen.forEach(entry -> reserved.add(entry.notificationId()));
        return chosen;
    }

    /** Candidates the calling thread did not claim: free for the others again. */
    synchronized void unreserve(List<Entry> entries) {
        entries.forEach(entry -> reserved.remove(entry.notificationId()));
    }

    /** The earliest time something this instance knows of becomes due (or claimable again) after {@code now}. */
    synchronized Optional<Instant> nextDue(Instant now) {
        long nowMillis = now.toEpochMilli();
        Long next = null;
        for (Entry entry : known.tailSet(new Entry("", nowMillis + 1, ""), true)) {
            if (!claimedUntil(entry.notificationId(), entry.at())) {
                next = entry.at();
                break;
            }
        }
        for (long waitUntil : notBefore.values()) {
            if (waitUntil > nowMillis && (next == null || waitUntil < next)) {
                next = waitUntil;
            }
        }
        return Optional.ofNullable(next).map(Instant::ofEpochMilli);
    }

    /** The entry's notification is being worked on by someone else, or is not there yet: leave it until then. */
    synchronized void setAside(Entry entry, Instant until) {
        notBefore.put(entry.notificationId(), until.toEpochMilli());
    }

    /** Not there yet (its write is in flight) or never written: tried again shortly, dropped when long overdue. */
    void missing(Entry entry, Instant now) {
        if (entry.at() < now.minus(MISSING_GRACE).toEpochMilli()) {
            resolved(entry);
        } else {
            setAside(entry, now.plus(RETRY_MISSING));
        }
    }

    private boolean claimedUntil(String notificationId, long millis) {
        InFlight claim = inFlight.get(notificationId);
        return claim != null && claim.until() > millis;
    }

    /** This instance claimed the entry's notification (with {@code token}, its lease ending {@code until}). */
    synchronized void claimed(Entry entry, String token, Instant until) {
        reserved.remove(entry.notificationId());
        inFlight.put(entry.notificationId(), new InFlight(token, entry, until.toEpochMilli()));
        notBefore.remove(entry.notificationId());
    }

    /**
     * The claim {@code token} on the notification ended: {@code resolved}, its entry is pruned (the notification
     * is no longer due at that time); otherwise (released, or the claim was lost) the entry stays.
     */
    synchronized void released(String notificationId, String token, boolean resolved) {
        InFlight claim = inFlight.get(notificationId);
        if (claim == null || !claim.token().equals(token)) {
            return;
        }
        inFlight.remove(notificationId);
        if (resolved) {
            resolved(claim.entry());
        }
    }

    /** The entry no longer stands for due work: forgotten here and removed from its bucket with the next write. */
    synchronized void resolved(Entry entry) {
        known.remove(entry);
        notBefore.remove(entry.notificationId());
        toPrune.computeIfAbsent(entry.bucket(), bucket -> new HashSet<>()).add(entry.value());
    }

    /** Removes the resolved entries from their buckets: one bulk write of {@code $pullAll} by {@code _id}. */
    synchronized void flushPrunes() {
        if (toPrune.isEmpty()) {
            return;
        }
        List<WriteModel<Document>> pulls = new ArrayList<>();
        toPrune.forEach((bucket, values) -> pulls.add(new UpdateOneModel<>(eq("_id", bucket),
                Updates.combine(Updates.pullAll(ENTRIES, List.copyOf(values)), Updates.inc(VERSION, 1)))));
        collection.bulkWrite(pulls, new BulkWriteOptions().ordered(false));
        toPrune.clear();
    }

    /** The ids of the notifications known to have been due before {@code before} (at the last read). */
    synchronized Set<String> dueBefore(Instant before) {
        Set<String> ids = new HashSet<>();
        for (Entry entry : known.headSet(new Entry("", before.toEpochMilli(), ""), false)) {
            ids.add(entry.notificationId());
        }
        return ids;
    }
}
