package com.clinicbackbone.booking.waitlist.persistence;

import com.clinicbackbone.booking.waitlist.OfferExpiries;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Repository;

/**
 * Offer expiries in collection {@code waitlist_expiries}, found by key only:
 * <ul>
 * <li>A minute bucket per UTC minute ({@code _id = m|<epoch minute>}) holds the offers due in it (the offer with its
 * hold, the entry id, the due time); a filing is one upsert {@code $push} by {@code _id}, a handled one is pulled by
 * {@code _id}.</li>
 * <li>The cursor ({@code _id = cursor}) is the earliest minute that may still hold something. A sweep reads the
 * cursor and the buckets from it to now in one {@code _id $in}; then moves the cursor (compare-and-set on
 * {@code {_id, minute}}, unique index {@value #CURSOR_INDEX}) to the earliest bucket still holding offers, at most to
 * {@value #LAG_MINUTES} minutes before now, and removes the empty buckets it passed.</li>
 * </ul>
 * A filing always lands at or after the filer's own minute (an offer expires after it is made), so it is found as
 * long as its write reaches the database within {@value #LAG_MINUTES} minutes of the filer's clock reading and the
 * instances' clocks agree within that.
 */
@Repository
class MongoOfferExpiries implements OfferExpiries {

    static final String COLLECTION = "waitlist_expiries";
    static final String CURSOR = "cursor";
    static final String CURSOR_INDEX = "id_minute";
    static final long LAG_MINUTES = 2;
    /** Buckets one sweep reads at most (the cursor catches up over several sweeps after a long stop). */
    static final int MAX_MINUTES = 240;

    private final MongoTemplate mongo;

    MongoOfferExpiries(MongoTemplate mongo) {
        this.mongo = mongo;
        expiries().createIndex(Indexes.ascending("_id", "minute"), new IndexOptions().unique(true).name(CURSOR_INDEX));
    }

    static String bucket(long minute) {
        return "m|" + minute;
    }

    static long minuteOf(Instant instant) {
        return Math.floorDiv(instant.getEpochSecond(), 60);
    }

    @Override
    public void file(Due due) {
        expiries().updateOne(Filters.eq("_id", bucket(minuteOf(due.at()))), Updates.push("items", item(due)),
                new UpdateOptions().upsert(true));
    }

    @Override
    public void done(Due due) {
        expiries().updateOne(Filters.eq("_id", bucket(minuteOf(due.at()))), Updates.pull("items",
                new Document("offerId", due.offer().id()).append("at", Date.from(due.at()))));
    }

    @Override
    public List<Due> due(Instant now) {
        long nowMinute = minuteOf(now);
        Long cursor = cursor(nowMinute);
        long last = Math.min(nowMinute, cursor + MAX_MINUTES);
        List<String> keys = new ArrayList<>(List.of(CURSOR));
        for (long minute = cursor; minute <= last; minute++) {
            keys.add(bucket(minute));
        }
        Map<String, Document> found = new HashMap<>();
        expiries().find(Filters.in("_id", keys)).forEach(document -> found.put(document.getString("_id"), document));
        Document stored = found.get(CURSOR);
        long from = stored == null ? cursor : ((Number) stored.get("minute")).longValue();
        List<Due> due = new ArrayList<>();
        Long earliestHolding = null;
        List<String> empty = new ArrayList<>();
        for (long minute = from; minute <= last; minute++) {
            Document bucket = found.get(bucket(minute));
            List<Document> items = bucket == null ? List.of() : bucket.getList("items", Document.class, List.of());
            if (items.isEmpty()) {
                if (bucket != null) {
                    empty.add(bucket(minute));
                }
                continue;
            }
            earliestHolding = earliestHolding == null ? minute : earliestHolding;
            for (Document item : items) {
                Due filed = read(item);
                if (!filed.at().isAfter(now)) {
                    due.add(filed);
                }
            }
        }
        long next = Math.min(earliestHolding == null ? last + 1 : earliestHolding, nowMinute - LAG_MINUTES);
        if (next > from && (stored == null || advance(from, next))) {
            List<String> passed = empty.stream().filter(key -> Long.parseLong(key.substring(2)) < next).toList();
            if (!passed.isEmpty()) {
                expiries().deleteMany(Filters.in("_id", passed));
            }
            this.cursor = next;
        } else {
            this.cursor = from;
        }
        due.sort(Comparator.comparing(Due::at));
        return due;
    }

    /** What this instance last knew of the cursor (it only moves forward), so one read serves a sweep. */
    private volatile Long cursor;

    private Long cursor(long nowMinute) {
        if (cursor == null) {
            Document stored = expiries().find(Filters.eq("_id", CURSOR)).first();
            if (stored == null) {
                try {
                    expiries().insertOne(new Document("_id", CURSOR).append("minute", nowMinute - LAG_MINUTES));
                } catch (MongoWriteException e) {
                    if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                        throw e;
                    }
                }
                stored = expiries().find(Filters.eq("_id", CURSOR)).first();
            }
            cursor = ((Number) stored.get("minute")).longValue();
        }
        return cursor;
    }

    /** Moves the cursor from {@code from} to {@code to} unless another instance moved it meanwhile. */
    private boolean advance(long from, long to) {
        return expiries().updateOne(new Document("_id", CURSOR).append("minute", from), Updates.set("minute", to))
                .getModifiedCount() == 1;
    }

    private static Document item(Due due) {
        return new Document("entryId", due.entryId()).append("offerId", due.offer().id())
                .append("at", Date.from(due.at()))
                .append("offer", OfferDocuments.write(due.offer()));
    }

    private static Due read(Document item) {
        return new Due(item.getString("entryId"), OfferDocuments.read(item.get("offer", Document.class)),
                item.getDate("at").toInstant());
    }

    private MongoCollection<Document> expiries() {
        return mongo.getCollection(COLLECTION);
    }
}
